import { describe, expect, it } from 'vitest';
import { createSignUpEmailChange } from '../../../../../src/main/core/accounts/signUpEmailChange';
import { createSignUpVault } from '../../../../../src/main/core/keychain/signUpVault';
import { createLogger, silentLogger } from '../../../../../src/main/core/log';
import { GatehouseError } from '../../../../../src/shared/errors';
import type { SignUpRequest } from '../../../../../src/shared/ipc/contract';
import { type ChangeSignUpEmail, signUpCheckOf } from '../../../../../src/shared/signUpEmail';
import { fakeKeychain } from '../support/fakes';

// The confirm screen's "Change it": the flow keeps each sign-up's request and secret in memory, has
// the backend release the unconfirmed user with the secret, and signs up again with the new address.
// The backend and Cognito are fakes here; server/test/integration/signUpEmail.test.ts and e2e 37 run them for real.

const REQUEST: SignUpRequest = {
  username: 'tom_typo',
  email: 'tom@exmaple.com',
  password: 'Correct-Horse-9-Battery',
  givenName: 'Tom',
  phone: '+14155550100',
};
const SECRETS = ['a'.repeat(43), 'b'.repeat(43), 'c'.repeat(43), 'd'.repeat(43)];

const POLICY = {
  minLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
};

function setup(
  options: {
    signUpFails?: (request: SignUpRequest) => Error | undefined;
    keychain?: ReturnType<typeof fakeKeychain>;
  } = {},
) {
  const keychain = options.keychain ?? fakeKeychain();
  const signUps: { request: SignUpRequest; check: string | undefined }[] = [];
  const releases: ChangeSignUpEmail[] = [];
  const lines: string[] = [];
  let releaseError: Error | undefined;
  let n = 0;
  const flow = createSignUpEmailChange({
    registration: {
      signUp: async (request, check) => {
        signUps.push({ request, check });
        const failure = options.signUpFails?.(request);
        if (failure) throw failure;
        return { delivery: { destination: 'masked', medium: 'EMAIL' }, confirmed: false };
      },
    },
    release: async (request) => {
      if (releaseError) throw releaseError;
      releases.push(request);
    },
    vault: createSignUpVault({
      backend: keychain.backend,
      service: 'gatehouse-test',
      pool: { userPoolId: 'us-east-1_Test', clientId: 'client' },
      log: silentLogger,
    }),
    policy: POLICY,
    log: createLogger((line) => lines.push(line)),
    newSecret: () => SECRETS[n++] as string,
  });
  return {
    flow,
    signUps,
    releases,
    lines,
    keychain,
    refuseRelease: (error: Error | undefined) => (releaseError = error),
  };
}

describe('sign-up e-mail change', () => {
  it('stores the SHA-256 of a fresh secret with each sign-up', async () => {
    const { flow, signUps } = setup();
    await flow.signUp(REQUEST);
    expect(signUps[0]?.check).toBe(await signUpCheckOf(SECRETS[0] as string));
    expect(signUps[0]?.check).toMatch(/^[0-9a-f]{64}$/);
  });

  it('releases with the kept secret, then signs up again with everything the same but the address', async () => {
    const { flow, signUps, releases, lines } = setup();
    await flow.signUp(REQUEST);
    const { delivery } = await flow.changeEmail('TOM_typo', 'tom@example.com');
    expect(delivery.medium).toBe('EMAIL');
    expect(releases).toEqual([{ username: 'tom_typo', secret: SECRETS[0], email: 'tom@example.com' }]);
    expect(signUps[1]?.request).toEqual({ ...REQUEST, email: 'tom@example.com' });
    // A new secret for the new user: the old one proved its part and is gone.
    expect(signUps[1]?.check).toBe(await signUpCheckOf(SECRETS[1] as string));
    await flow.changeEmail('tom_typo', 'tom@example.org');
    expect(releases[1]?.secret).toBe(SECRETS[1]);
    // Neither the secret nor the password reaches the log.
    expect(lines.join('\n')).not.toContain(SECRETS[0]);
    expect(lines.join('\n')).not.toContain(REQUEST.password);
  });

  it('refuses a username it did not sign up in this run, without asking the backend', async () => {
    const { flow, releases } = setup();
    const error = await flow.changeEmail('someone_else', 'x@example.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatehouseError);
    expect((error as GatehouseError).code).toBe('user_not_found');
    expect(releases).toHaveLength(0);
  });

  it('refuses the address the code already went to', async () => {
    const { flow, releases } = setup();
    await flow.signUp(REQUEST);
    const error = (await flow
      .changeEmail('tom_typo', 'TOM@exmaple.com')
      .catch((e: unknown) => e)) as GatehouseError;
    expect([error.code, error.field]).toEqual(['invalid_email', 'email']);
    expect(releases).toHaveLength(0);
  });

  it('keeps the sign-up when the backend refuses, so another address can be tried', async () => {
    const { flow, signUps, releases, refuseRelease } = setup();
    await flow.signUp(REQUEST);
    const taken = refuseRelease(new GatehouseError('email_taken', 'Another account uses it.', 'email'));
    const error = (await flow
      .changeEmail('tom_typo', 'taken@example.com')
      .catch((e: unknown) => e)) as GatehouseError;
    expect(error).toBe(taken);
    expect(signUps).toHaveLength(1);
    refuseRelease(undefined);
    await flow.changeEmail('tom_typo', 'tom@example.com');
    expect(releases).toEqual([{ username: 'tom_typo', secret: SECRETS[0], email: 'tom@example.com' }]);
  });

  it('puts the first sign-up back when the new one fails after the release', async () => {
    const refused = new GatehouseError('invalid_email', 'Enter a valid email address', 'email');
    const { flow, signUps } = setup({
      signUpFails: (request) => (request.email === 'tom@example.com' ? refused : undefined),
    });
    await flow.signUp(REQUEST);
    await expect(flow.changeEmail('tom_typo', 'tom@example.com')).rejects.toBe(refused);
    expect(signUps.map((s) => s.request.email)).toEqual([
      'tom@exmaple.com',
      'tom@example.com',
      'tom@exmaple.com',
    ]);
  });

  it('forgets a sign-up once confirmed, in memory and in the keychain', async () => {
    const { flow, keychain } = setup();
    await flow.signUp(REQUEST);
    await flow.forget('tom_typo');
    await expect(flow.changeEmail('tom_typo', 'tom@example.com', REQUEST.password)).rejects.toMatchObject({
      code: 'user_not_found',
    });
    expect(keychain.items.size).toBe(0);
  });

  it('after a restart, changes with the kept secret and attributes and the password typed on the way', async () => {
    const first = setup();
    await first.flow.signUp(REQUEST);
    // The keychain holds the secret and the attributes, never the password.
    expect([...first.keychain.items.values()].join()).not.toContain(REQUEST.password);
    expect([...first.keychain.items.values()].join()).toContain(SECRETS[0]);

    const restarted = setup({ keychain: first.keychain });
    await expect(restarted.flow.changeEmail('tom_typo', 'tom@example.com')).rejects.toMatchObject({
      code: 'user_not_found',
    });
    const weak = await restarted.flow
      .changeEmail('tom_typo', 'tom@example.com', 'weak')
      .catch((e: unknown) => e);
    expect((weak as GatehouseError).code).toBe('weak_password');
    expect(restarted.releases).toHaveLength(0);

    await restarted.flow.changeEmail('tom_typo', 'tom@example.com', 'Another-Passw0rd');
    expect(restarted.releases).toEqual([
      { username: 'tom_typo', secret: SECRETS[0], email: 'tom@example.com' },
    ]);
    expect(restarted.signUps[0]?.request).toEqual({
      ...REQUEST,
      email: 'tom@example.com',
      password: 'Another-Passw0rd',
    });
  });

  it('still changes within the run when the keychain cannot be used', async () => {
    const { flow, releases } = setup({ keychain: fakeKeychain('unavailable') });
    await flow.signUp(REQUEST);
    await flow.changeEmail('tom_typo', 'tom@example.com');
    expect(releases).toHaveLength(1);
  });
});
