import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/main/core/config';
import { createGatehouse } from '../../../../src/main/core/gatehouse';
import { createIpcRouter } from '../../../../src/main/core/ipc/router';
import { type ChannelName, channels, signInNameSchema } from '../../../../src/shared/ipc/contract';
import { fakeKeychain, manualClock, recorders } from './support/fakes';

/**
 * The contract passes sign-in names as typed (libphonenumber-js stays out of the renderer), so every
 * channel that takes one must have main turn a typed phone number into E.164: Cognito finds the
 * phone alias only in that form
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases).
 * Cognito here is a recorder that answers UserNotFoundException, so each call stops after its first request.
 */
const config = loadConfig({ GATEHOUSE_COGNITO_ENDPOINT: 'http://127.0.0.1:9' });
const TYPED = '00 1 (415) 555-0100';
const E164 = '+14155550100';

/** A request for each channel with a sign-in name, that name typed as a person might. */
const requests: Partial<Record<ChannelName, Record<string, unknown>>> = {
  'auth.signIn': { login: TYPED, password: 'Gate-house-42' },
  'auth.signInWithCode': { login: TYPED, medium: 'EMAIL' },
  'auth.forgotPassword': { login: TYPED },
  'auth.confirmForgotPassword': { login: TYPED, code: '123456', newPassword: 'Gate-house-42' },
  'auth.confirmSignUp': { username: TYPED, code: '123456' },
  'auth.resendCode': { username: TYPED },
};

/** The channels whose request declares a field with the contract's sign-in-name schema. */
const signInNameChannels = (Object.keys(channels) as ChannelName[]).filter((name) => {
  const { shape = {} } = channels[name].request as { shape?: Record<string, unknown> };
  return Object.values(shape).some((field) => field === signInNameSchema);
});

function coreRecordingCognito() {
  const bodies: string[] = [];
  const { log } = recorders();
  const core = createGatehouse({
    appInfo: { name: 'Gatehouse', version: '0.0.0', platform: 'linux', environment: config.environment },
    config,
    keychain: fakeKeychain().backend,
    openBrowser: async () => {},
    clock: manualClock(),
    log,
    cognitoFetch: async (_input, init) => {
      bodies.push(String(init?.body));
      return new Response(
        JSON.stringify({ __type: 'UserNotFoundException', message: 'User does not exist.' }),
        {
          status: 400,
          headers: { 'content-type': 'application/x-amz-json-1.1' },
        },
      );
    },
  });
  const route = createIpcRouter({ handlers: core.handlers, isTrustedSender: () => true, log });
  return { core, bodies, route };
}

describe('sign-in names typed as phone numbers', () => {
  it('every channel with a sign-in name is exercised here (a new one must be added)', () => {
    expect(signInNameChannels.length).toBeGreaterThan(0);
    // auth.changeSignUpEmail finds the sign-up held for that name and sends Cognito the held one, not the name.
    expect(signInNameChannels.filter((name) => name !== 'auth.changeSignUpEmail').sort()).toEqual(
      Object.keys(requests).sort(),
    );
  });

  for (const [channel, request] of Object.entries(requests)) {
    it(`${channel} sends Cognito the E.164 form`, async () => {
      const { core, bodies, route } = coreRecordingCognito();
      await core.start();
      await route(channel, {}, request);
      const sent = bodies.join('\n');
      expect(sent).toContain(`"${E164}"`);
      expect(sent).not.toContain('555-0100');
      await core.dispose();
    });
  }
});
