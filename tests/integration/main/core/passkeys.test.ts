import {
  type CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  InitiateAuthCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClient } from '../../../../devstack/test/conformance/support';
import { SoftAuthenticator } from '../../../../devstack/test/support/softAuthenticator';
import { code } from './support/authenticatorCodes';
import { PASSWORD, type TestCore } from './support/harness';
import { memoryCore, signedInUser, turnOnAuthenticator, worldForFile } from './support/signedIn';
import { jwtShaped } from './support/tokenLeaks';

/**
 * The home screen's passkeys through the core, against the devstack: the list is what
 * ListWebAuthnCredentials answers
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html),
 * removing one (DeleteWebAuthnCredential,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteWebAuthnCredential.html)
 * asks for the password — and a current code when two-step verification is on — first. The passkey
 * itself is registered as a browser would (StartWebAuthnRegistration + CompleteWebAuthnRegistration with
 * a software authenticator); the app's own way there, managed login in the browser, is e2e 26.
 */

const world = worldForFile();
let cognito: CognitoIdentityProviderClient;

beforeAll(() => {
  cognito = awsClient(world.devstack());
});
afterAll(() => cognito?.destroy());

/** Registers a passkey for `username` on the devstack's relying party, as managed login's page would. */
async function registerPasskey(username: string): Promise<string> {
  const stack = world.devstack();
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
  const token = AuthenticationResult?.AccessToken as string;
  const { CredentialCreationOptions } = await cognito.send(
    new StartWebAuthnRegistrationCommand({ AccessToken: token }),
  );
  const origin = `http://localhost:${new URL(stack.cognitoUrl).port}`;
  const made = new SoftAuthenticator().create(CredentialCreationOptions as never, origin);
  await cognito.send(
    new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: made as never }),
  );
  return made.id;
}

async function signedInWithPasskey(
  prefix: string,
): Promise<{ test: TestCore; username: string; id: string }> {
  const test = memoryCore(world);
  const user = await signedInUser(world, test, prefix);
  const id = await registerPasskey(user.username);
  return { test, username: user.username, id };
}

describe('passkeys through the core', () => {
  it('lists the passkey (name, when added); a wrong password removes nothing; the right one removes it', async () => {
    const { test, id } = await signedInWithPasskey('pk-core');
    const { passkeys } = await test.call('passkeys.list', {});
    expect(passkeys).toHaveLength(1);
    expect(passkeys[0]?.id).toBe(id);
    expect(passkeys[0]?.name).toBeTruthy();
    expect(Math.abs((passkeys[0]?.createdAt ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(passkeys[0]?.attachment).toBe('platform');

    const wrong = await test.fail('passkeys.remove', { id, password: 'Wr0ng-Horse!' });
    expect(wrong).toMatchObject({ code: 'wrong_credentials', field: 'password' });
    expect(wrong.message).toBe('Your password is not right. Check it and try again.');
    expect((await test.call('passkeys.list', {})).passkeys).toHaveLength(1);

    expect(await test.call('passkeys.remove', { id, password: PASSWORD })).toEqual({ passkeys: [] });
    // Removed from another computer meanwhile: said in plain words.
    const again = await test.fail('passkeys.remove', { id, password: PASSWORD });
    expect(again.message).toBe('That passkey was already removed.');
    expect(jwtShaped(world.capture.payloads)).toBe(0);
  });

  it('with two-step verification on, removing asks for a current code too', async () => {
    const { test, id } = await signedInWithPasskey('pk-totp');
    const secret = await turnOnAuthenticator(test);

    const noCode = await test.fail('passkeys.remove', { id, password: PASSWORD });
    expect(noCode).toMatchObject({ code: 'invalid_request', field: 'code' });
    expect((await test.call('passkeys.list', {})).passkeys).toHaveLength(1);
    const removed = await test.call('passkeys.remove', {
      id,
      password: PASSWORD,
      code: code(secret, 1),
    });
    expect(removed).toEqual({ passkeys: [] });
  });

  it('refuses an id that is not a credential id, and is for signed-in users only', async () => {
    const test = memoryCore(world);
    expect((await test.fail('passkeys.list', {})).code).toBe('not_signed_in');
    const bad = await test.fail('passkeys.remove', { id: '../etc', password: PASSWORD });
    expect(bad.code).toBe('invalid_request');
  });
});
