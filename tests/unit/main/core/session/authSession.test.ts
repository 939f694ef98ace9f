import { describe, expect, it, vi } from 'vitest';
import { toGatehouseError } from '../../../../../src/main/core/accounts/cognitoErrors';
import type { SignInOutcome } from '../../../../../src/main/core/accounts/passwordSignIn';
import type { TokenSource } from '../../../../../src/main/core/backend/backendClient';
import { createTokenVault, KEYCHAIN_WARNINGS } from '../../../../../src/main/core/keychain/tokenVault';
import { poolAccount } from '../../../../../src/main/core/keychain/vaultEntry';
import { createAuthSession, type ProfileStore } from '../../../../../src/main/core/session/authSession';
import { createCredentials } from '../../../../../src/main/core/session/credentials';
import type { TokenSet } from '../../../../../src/main/core/tokens/tokenSet';
import type { Profile } from '../../../../../src/shared/backendApi';
import { GatehouseError } from '../../../../../src/shared/errors';
import { authStateSchema } from '../../../../../src/shared/ipc/contract';
import {
  ALICE_PROFILE,
  fakeKeychain,
  type KeychainMode,
  makeTokens,
  manualClock,
  manualTimers,
  recorders,
} from '../support/fakes';

const SERVICE = 'Gatehouse';
const POOL = { userPoolId: 'us-east-1_TestPool1', clientId: 'testclient' };
/** The pool's one keychain item: whoever signed in last. */
const ITEM = poolAccount(POOL);
const PROFILE = ALICE_PROFILE;

const offline = () => new GatehouseError('offline', 'You appear to be offline.');
const rejected = () => new GatehouseError('session_expired', 'Your session has ended.');

interface World {
  clock: ReturnType<typeof manualClock>;
  keychain: ReturnType<typeof fakeKeychain>;
  timers?: ReturnType<typeof manualTimers>;
  network: { up: boolean; revoked: Set<string>; revokedAccess: Set<string> };
}

function setup(options: { keychain?: KeychainMode; profile?: Profile | null; world?: World } = {}) {
  const clock = options.world?.clock ?? manualClock();
  const keychain = options.world?.keychain ?? fakeKeychain(options.keychain ?? 'ok');
  const { log, lines, events, states } = recorders();
  const vault = createTokenVault({
    backend: keychain.backend,
    service: SERVICE,
    pool: POOL,
    adoptLegacy: false,
    clock,
    log,
  });
  const issued: TokenSet[] = [];
  /** Attributes the user changed in Cognito (UpdateUserAttributes); tokens issued later carry them. */
  const changedAttributes: Record<string, string> = {};
  const issue = (username = 'alice', extra: Record<string, unknown> = {}) => {
    const tokens = makeTokens(username, clock.now(), 3_600_000, { ...changedAttributes, ...extra });
    issued.push(tokens);
    return tokens;
  };
  const network = options.world?.network ?? {
    up: true,
    revoked: new Set<string>(),
    revokedAccess: new Set<string>(),
  };
  /** What Cognito answers GlobalSignOut with, when it refuses (a Cognito-shaped error). */
  const cognitoRefusal: { globalSignOut?: Error } = {};
  const endHostedSession = vi.fn(async () => {});
  /** A user-pool call with an access token, as the transport answers it after a global sign-out. */
  const callWithAccess = (tokens: TokenSet) => {
    if (!network.up) throw offline();
    if (network.revokedAccess.has(tokens.accessToken)) {
      session.accessRevoked(tokens.accessToken);
      throw rejected();
    }
  };
  const timers = options.world?.timers ?? manualTimers();
  const accounts = {
    signIn: vi.fn(async (login: string, password: string): Promise<SignInOutcome> => {
      if (!network.up) throw offline();
      if (password !== 'Correct-Horse-1') throw new GatehouseError('wrong_credentials', 'Wrong.');
      return { kind: 'signed-in', tokens: issue(login.includes('@') ? login.split('@')[0] : login) };
    }),
    // Sign-in by code is exercised against the devstack too (tests/integration/main/core/codeSignIn.test.ts).
    signInWithCode: vi.fn(async (_login: string, medium: 'EMAIL' | 'SMS'): Promise<SignInOutcome> => {
      if (!network.up) throw offline();
      return {
        kind: 'code-required',
        login: _login,
        delivery: { medium, destination: 'a***@e***' },
        complete: async () => ({ kind: 'signed-in', tokens: issue('alice') }),
      };
    }),
    refresh: vi.fn(async (refreshToken: string, username: string) => {
      if (!network.up) throw offline();
      if (network.revoked.has(refreshToken)) throw rejected();
      return { ...issue(username), refreshToken };
    }),
    revoke: vi.fn(async (refreshToken: string) => {
      if (!network.up) throw offline();
      network.revoked.add(refreshToken);
    }),
    globalSignOut: vi.fn(async (_tokens: TokenSet) => {
      if (!network.up) throw offline();
      const refusal = cognitoRefusal.globalSignOut;
      if (refusal) throw toGatehouseError(refusal, 'globalSignOut', PASSWORD_POLICY);
    }),
    changePassword: vi.fn(async (tokens: TokenSet) => callWithAccess(tokens)),
    // GetUser with the access token; the devstack's answer after a global sign-out is in tests/integration.
    checkSession: vi.fn(async (tokens: TokenSet) => callWithAccess(tokens)),
    // Two-step settings are exercised against the devstack (tests/integration/core/twoStep.test.ts).
    associateTotp: vi.fn(async () => ({ secret: 'JBSWY3DPEHPK3PXP' })),
    verifyTotp: vi.fn(async () => {}),
    disableTotp: vi.fn(async () => {}),
    totpEnabled: vi.fn(async () => false),
    updateAttributes: vi.fn(async (_tokens: TokenSet, attributes: Record<string, string>) => {
      if (!network.up) throw offline();
      Object.assign(changedAttributes, attributes);
      return {};
    }),
    // The e-mail change is exercised against the devstack (tests/e2e/18-change-email.spec.ts).
    verifyEmail: vi.fn(async () => {}),
    resendEmailCode: vi.fn(async () => ({
      delivery: { destination: 'n***@e***', medium: 'EMAIL' as const },
    })),
    // E-mail codes as a second step are exercised against the devstack (tests/integration/emailSecondStep.test.ts).
    mfaMethods: vi.fn(async () => ({ on: [] })),
    setMfaPreference: vi.fn(async () => {}),
    // Against the devstack too: tests/integration/main/core/accountDeletion.test.ts.
    deleteUser: vi.fn(async (tokens: TokenSet) => {
      if (!network.up) throw offline();
      order.push(`deleteUser ${tokens.refreshToken}`);
    }),
    // Passkeys are exercised against the devstack (tests/integration/main/core/passkeys.test.ts).
    listPasskeys: vi.fn(async () => []),
    deletePasskey: vi.fn(async () => {}),
    // Phone verification is exercised against the devstack (tests/e2e/35-phone.spec.ts).
    sendPhoneCode: vi.fn(async () => ({ delivery: { destination: '+*******0100', medium: 'SMS' as const } })),
    verifyPhone: vi.fn(async () => {}),
  };
  /** The order in which the account deletion reached backend and Cognito. */
  const order: string[] = [];
  const backend = { profile: options.profile === undefined ? PROFILE : options.profile, up: true };
  const profiles: ProfileStore = {
    getProfile: vi.fn(async () => {
      if (!backend.up) throw new GatehouseError('backend_unavailable', 'down');
      await auth.idToken();
      return backend.profile;
    }),
    saveProfile: vi.fn(async (input) => {
      await auth.idToken();
      const saved: Profile = { ...PROFILE, ...input };
      backend.profile = saved;
      return saved;
    }),
    updateProfile: vi.fn(async () => PROFILE),
    syncTwoStep: vi.fn(async () => PROFILE),
    reportPasswordChanged: vi.fn(async () => {}),
    // The device check is exercised against the backend and devstack (tests/e2e/28-remembered-devices.spec.ts).
    checkDevices: vi.fn(async () => {}),
    deleteProfile: vi.fn(async () => {
      if (!backend.up) throw new GatehouseError('backend_unavailable', 'down');
      order.push('deleteProfile');
      backend.profile = null;
    }),
  };
  // Wired as gatehouse.ts wires them: the credentials over the session's tokens are the backend's token source.
  const credentials = createCredentials({
    holder: () => session,
    refresh: (refreshToken, username) => accounts.refresh(refreshToken, username),
    clock,
    marginMs: 5 * 60_000,
    log,
  });
  const auth: TokenSource = credentials;
  const session = createAuthSession({
    accounts,
    vault,
    profiles,
    credentials,
    events,
    log,
    endHostedSession,
    timers,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  const slept: number[] = [];
  const saved = () => {
    const item = keychain.get(SERVICE, ITEM);
    return item === undefined ? undefined : JSON.parse(item);
  };
  return {
    session,
    auth,
    accounts,
    profiles,
    keychain,
    vault,
    states,
    lines,
    network,
    backend,
    clock,
    issued,
    saved,
    cognitoRefusal,
    endHostedSession,
    timers,
    order,
    slept,
  };
}

/** Makes the backend hold its answer to the profile fetch until `answer()`. */
function holdProfile(t: ReturnType<typeof setup>) {
  const held = { answer: () => {} };
  t.profiles.getProfile = vi.fn(
    () =>
      new Promise<Profile>((resolve) => {
        held.answer = () => resolve(PROFILE);
      }),
  );
  return held;
}

const PASSWORD_POLICY = {
  minLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
};

/** A failure as the Cognito transport reports it. */
const cognitoError = (name: string, message: string) =>
  Object.assign(new Error(message), { name, code: name });

describe('auth session', () => {
  it('signs in with a password: signing-in → signed-in with the profile, refresh token in the keychain', async () => {
    const t = setup();
    const state = await t.session.signIn('alice', 'Correct-Horse-1');
    expect(state).toMatchObject({
      status: 'signed-in',
      user: { username: 'alice', provider: 'cognito' },
      profile: PROFILE,
    });
    expect(t.states.map((s) => s.status)).toEqual(['signing-in', 'signed-in']);
    expect(t.saved()).toMatchObject({
      refreshToken: t.issued[0]?.refreshToken,
      username: 'alice',
      provider: 'cognito',
    });
  });

  it('lands on needs-onboarding when the backend has no profile yet, then signed-in after profile.save', async () => {
    const t = setup({ profile: null });
    expect(await t.session.signIn('alice', 'Correct-Horse-1')).toMatchObject({ status: 'needs-onboarding' });
    const state = await t.session.saveProfile({ username: 'alice', onboarding: PROFILE.onboarding });
    expect(state).toMatchObject({ status: 'signed-in', profile: { username: 'alice' } });
  });

  it('returns to signed-out and rethrows when the password is wrong', async () => {
    const t = setup();
    await expect(t.session.signIn('alice', 'nope')).rejects.toMatchObject({ code: 'wrong_credentials' });
    expect(t.session.state()).toEqual({ status: 'signed-out' });
    expect(t.saved()).toBeUndefined();
  });

  it('restores from the keychain with no password', async () => {
    const first = setup();
    await first.session.signIn('alice', 'Correct-Horse-1');
    // A new session over the same keychain: what the next launch sees.
    const second = setupOver(first);
    const state = await second.session.restore();
    expect(state).toMatchObject({ status: 'signed-in', user: { username: 'alice' } });
    expect(second.accounts.signIn).not.toHaveBeenCalled();
    expect(second.accounts.refresh).toHaveBeenCalledWith(first.issued[0]?.refreshToken, 'alice');
    expect(second.states.map((s) => s.status)).toEqual(['signing-in', 'signed-in']);
  });

  it('clears the entry and signs out when the saved token was revoked', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    t.network.revoked.add(t.issued[0]?.refreshToken ?? '');
    const next = setupOver(t);
    const state = await next.session.restore();
    expect(state).toMatchObject({ status: 'signed-out', notice: { code: 'session_expired' } });
    expect(t.keychain.get(SERVICE, ITEM)).toBeUndefined();
  });

  it('goes offline at restore when the service is unreachable, keeps the entry, and retry succeeds later', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const entry = t.keychain.get(SERVICE, ITEM);
    const next = setupOver(t);
    next.network.up = false;
    expect(await next.session.restore()).toEqual({ status: 'offline', retryInSeconds: 1 });
    expect(t.keychain.get(SERVICE, ITEM)).toBe(entry);
    expect(await next.session.retry()).toEqual({ status: 'offline', retryInSeconds: 2 });
    expect(t.keychain.get(SERVICE, ITEM)).toBe(entry);
    next.network.up = true;
    expect(await next.session.retry()).toMatchObject({ status: 'signed-in', user: { username: 'alice' } });
  });

  it('with a locked keychain: clear notice at launch, entry intact, password sign-in works in memory', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const entry = t.keychain.get(SERVICE, ITEM);
    t.keychain.setMode('locked');
    const next = setupOver(t);
    expect(await next.session.restore()).toEqual({
      status: 'signed-out',
      notice: { code: 'keychain_unavailable', message: KEYCHAIN_WARNINGS.locked },
      keychainWarning: KEYCHAIN_WARNINGS.locked,
    });
    expect(await next.session.signIn('alice', 'Correct-Horse-1')).toMatchObject({
      status: 'signed-in',
      keychainWarning: KEYCHAIN_WARNINGS.locked,
    });
    t.keychain.setMode('ok');
    expect(t.keychain.get(SERVICE, ITEM)).toBe(entry);
    // Unlocked now: retry saves the current session and the warning goes away.
    const retried = await next.session.retry();
    expect(retried).toMatchObject({ status: 'signed-in' });
    expect(retried.keychainWarning).toBeUndefined();
  });

  it('a keychain that was locked at launch is read again by auth.retry once it is unlocked', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    t.keychain.setMode('locked');
    const next = setupOver(t);
    expect(await next.session.restore()).toMatchObject({
      status: 'signed-out',
      notice: { code: 'keychain_unavailable' },
    });
    expect(await next.session.retry()).toMatchObject({
      status: 'signed-out',
      notice: { code: 'keychain_unavailable' },
    });
    t.keychain.setMode('ok');
    const retried = await next.session.retry();
    expect(retried).toMatchObject({ status: 'signed-in', user: { username: 'alice' } });
    expect(retried.keychainWarning).toBeUndefined();
  });

  it('with no Secret Service: the session runs in memory and says so in plain words', async () => {
    const t = setup({ keychain: 'unavailable' });
    expect(await t.session.restore()).toMatchObject({
      status: 'signed-out',
      notice: { code: 'keychain_unavailable' },
    });
    const state = await t.session.signIn('alice', 'Correct-Horse-1');
    expect(state).toMatchObject({
      status: 'signed-in',
      keychainWarning: 'Your system keychain is unavailable, so you will have to sign in again next time.',
    });
  });

  it('handles NEW_PASSWORD_REQUIRED through completeNewPassword', async () => {
    const t = setup();
    const complete = vi.fn(
      async (): Promise<SignInOutcome> => ({
        kind: 'signed-in',
        tokens: t.issued[0] ?? makeTokens('alice', 0),
      }),
    );
    t.issued.push(makeTokens('alice', t.clock.now()));
    t.accounts.signIn.mockResolvedValueOnce({ kind: 'new-password-required', complete });
    expect(await t.session.signIn('alice', 'Temp-Pass-1')).toMatchObject({ status: 'new-password-required' });
    complete.mockRejectedValueOnce(new GatehouseError('weak_password', 'weak', 'newPassword'));
    await expect(t.session.completeNewPassword('short')).rejects.toMatchObject({ code: 'weak_password' });
    expect(t.session.state()).toEqual({ status: 'new-password-required' });
    expect(await t.session.completeNewPassword('Better-Pass-2')).toMatchObject({ status: 'signed-in' });
    await expect(t.session.completeNewPassword('again')).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('handles SOFTWARE_TOKEN_MFA through answerTotp: a wrong code keeps the step, an expired one signs out', async () => {
    const t = setup();
    const complete = vi.fn(
      async (): Promise<SignInOutcome> => ({ kind: 'signed-in', tokens: makeTokens('alice', t.clock.now()) }),
    );
    t.accounts.signIn.mockResolvedValueOnce({ kind: 'totp-required', complete });
    expect(await t.session.signIn('alice', 'Correct-Horse-1')).toEqual({ status: 'totp-required' });
    await expect(t.session.completeNewPassword('Better-Pass-2')).rejects.toMatchObject({
      code: 'not_signed_in',
    });
    complete.mockRejectedValueOnce(new GatehouseError('code_mismatch', 'wrong', 'code'));
    await expect(t.session.answerTotp('000000')).rejects.toMatchObject({ code: 'code_mismatch' });
    expect(t.session.state()).toEqual({ status: 'totp-required' });
    expect(await t.session.answerTotp('123456')).toMatchObject({ status: 'signed-in' });
    expect(complete).toHaveBeenLastCalledWith('123456');
    await expect(t.session.answerTotp('123456')).rejects.toMatchObject({ code: 'not_signed_in' });

    const late = setup();
    late.accounts.signIn.mockResolvedValueOnce({
      kind: 'totp-required',
      complete: async () => {
        throw new GatehouseError('session_expired', 'That sign-in took too long.');
      },
    });
    await late.session.signIn('alice', 'Correct-Horse-1');
    await expect(late.session.answerTotp('123456')).rejects.toMatchObject({ code: 'session_expired' });
    expect(late.session.state()).toMatchObject({ status: 'signed-out', notice: { code: 'session_expired' } });
  });

  it('signs in by an e-mailed code: code-required says where it went, a wrong code keeps the step, the right one signs in', async () => {
    const t = setup();
    const delivery = { medium: 'EMAIL' as const, destination: 'a***@e***' };
    const complete = vi.fn(
      async (): Promise<SignInOutcome> => ({ kind: 'signed-in', tokens: makeTokens('alice', t.clock.now()) }),
    );
    t.accounts.signInWithCode.mockResolvedValueOnce({
      kind: 'code-required',
      login: 'alice',
      delivery,
      complete,
    });
    expect(await t.session.signInWithCode('alice', 'EMAIL')).toEqual({
      status: 'code-required',
      login: 'alice',
      delivery,
    });
    expect(t.accounts.signInWithCode).toHaveBeenCalledWith('alice', 'EMAIL');
    await expect(t.session.answerTotp('123456')).rejects.toMatchObject({ code: 'not_signed_in' });
    complete.mockRejectedValueOnce(new GatehouseError('code_mismatch', 'wrong', 'code'));
    await expect(t.session.answerCode('000000')).rejects.toMatchObject({ code: 'code_mismatch' });
    expect(t.session.state()).toEqual({ status: 'code-required', login: 'alice', delivery });
    expect(await t.session.answerCode('123456')).toMatchObject({ status: 'signed-in' });
    expect(complete).toHaveBeenLastCalledWith('123456');
    expect(t.saved()).toBeDefined();
    await expect(t.session.answerCode('123456')).rejects.toMatchObject({ code: 'not_signed_in' });

    const refused = setup();
    refused.accounts.signInWithCode.mockRejectedValueOnce(
      new GatehouseError('code_sign_in_unavailable', 'Sign in with your password instead.'),
    );
    await expect(refused.session.signInWithCode('alice', 'EMAIL')).rejects.toMatchObject({
      code: 'code_sign_in_unavailable',
    });
    expect(refused.session.state()).toEqual({ status: 'signed-out' });
  });

  it('signs out: revokes the refresh token, clears the entry; offline sign-out still clears locally, with a notice', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    expect(await t.session.signOut()).toEqual({ status: 'signed-out' });
    expect(t.accounts.revoke).toHaveBeenCalledWith(t.issued[0]?.refreshToken);
    expect(t.saved()).toBeUndefined();
    await t.session.signIn('alice', 'Correct-Horse-1');
    t.network.up = false;
    expect(await t.session.signOut()).toMatchObject({
      status: 'signed-out',
      notice: { code: 'service_unreachable' },
    });
    expect(t.saved()).toBeUndefined();
  });

  it('signs out everywhere; when offline it refuses and keeps the session and the entry', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    t.network.up = false;
    await expect(t.session.signOutEverywhere()).rejects.toMatchObject({ code: 'offline' });
    expect(t.session.state()).toMatchObject({ status: 'signed-in' });
    expect(t.saved()).toBeDefined();
    t.network.up = true;
    expect(await t.session.signOutEverywhere()).toEqual({ status: 'signed-out' });
    expect(t.accounts.globalSignOut).toHaveBeenCalledTimes(2);
    expect(t.saved()).toBeUndefined();
  });

  it('sign out everywhere refused by Cognito (e.g. a token without the admin scope) fails and keeps the session', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    t.cognitoRefusal.globalSignOut = cognitoError(
      'NotAuthorizedException',
      'Access Token does not have required scopes',
    );
    const failure = await t.session.signOutEverywhere().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatehouseError);
    expect((failure as GatehouseError).code).not.toBe('session_expired');
    expect((failure as GatehouseError).message).not.toMatch(/scope|token/i);
    expect(t.session.state()).toMatchObject({ status: 'signed-in' });
    expect(t.saved()).toBeDefined();
    // An already-ended session is the one refusal that still counts as signed out everywhere.
    t.cognitoRefusal.globalSignOut = cognitoError('NotAuthorizedException', 'Access Token has been revoked');
    expect(await t.session.signOutEverywhere()).toEqual({ status: 'signed-out' });
    expect(t.saved()).toBeUndefined();
  });

  it('a Google user signing out (here or everywhere) also ends the Hosted UI session; a password user does not', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    await t.session.signOut();
    expect(t.endHostedSession).not.toHaveBeenCalled();
    await t.session.adoptFederated(makeTokens('Google_1', t.clock.now()), 'google');
    await t.session.signOut();
    expect(t.endHostedSession).toHaveBeenCalledTimes(1);
    await t.session.adoptFederated(makeTokens('Google_1', t.clock.now()), 'google');
    await t.session.signOutEverywhere();
    expect(t.endHostedSession).toHaveBeenCalledTimes(2);
  });

  it('changing the first name shows the new name at once (tokens refreshed); a Google user is told where to change it', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const state = await t.session.selfService.changeName('Ally');
    expect(state).toMatchObject({ status: 'signed-in', user: { givenName: 'Ally' } });
    expect(t.states.at(-1)).toMatchObject({ status: 'signed-in', user: { givenName: 'Ally' } });
    expect(t.accounts.updateAttributes).toHaveBeenCalledWith(expect.anything(), { given_name: 'Ally' });

    await t.session.adoptFederated(makeTokens('Google_1', t.clock.now()), 'google');
    await expect(t.session.selfService.changeName('Gee')).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('Google account'),
    });
    expect(t.accounts.updateAttributes).toHaveBeenCalledTimes(1);
  });

  it('a Google user whose refresh is rejected on the way to signing out everywhere is still signed out fully', async () => {
    const t = setup();
    const tokens = makeTokens('Google_1', t.clock.now());
    await t.session.adoptFederated(tokens, 'google');
    t.network.revoked.add(tokens.refreshToken);
    t.clock.advance(58 * 60_000);
    expect(await t.session.signOutEverywhere()).toEqual({ status: 'signed-out' });
    expect(t.accounts.globalSignOut).not.toHaveBeenCalled();
    expect(t.endHostedSession).toHaveBeenCalledTimes(1);
    expect(t.saved()).toBeUndefined();
  });

  it('dispose forgets the session in memory only: the entry stays for the next launch, nothing is revoked or published', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const published = t.states.length;
    t.session.dispose();
    await expect(t.session.changePassword('Correct-Horse-1', 'Correct-Horse-2')).rejects.toMatchObject({
      code: 'not_signed_in',
    });
    expect(t.saved()).toMatchObject({ username: 'alice' });
    expect(t.accounts.revoke).not.toHaveBeenCalled();
    expect(t.states).toHaveLength(published);
  });

  it('goes offline (keeping the session) when the backend cannot be reached after sign-in, and retry recovers', async () => {
    const t = setup();
    t.backend.up = false;
    expect(await t.session.signIn('alice', 'Correct-Horse-1')).toMatchObject({
      status: 'offline',
      user: { username: 'alice' },
    });
    t.backend.up = true;
    expect(await t.session.retry()).toMatchObject({ status: 'signed-in' });
  });

  it('ends the session with a notice when a refresh is rejected mid-session', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    t.network.revoked.add(t.issued[0]?.refreshToken ?? '');
    t.clock.advance(58 * 60_000);
    await expect(t.auth.idToken()).rejects.toMatchObject({ code: 'session_expired' });
    expect(t.session.state()).toMatchObject({ status: 'signed-out', notice: { code: 'session_expired' } });
    await vi.waitFor(() => expect(t.saved()).toBeUndefined());
  });

  it('Google: a forged or replayed link never changes a signed-in session; cancel → signed-out with a notice', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const before = t.session.state();
    for (const code of ['no_pending_sign_in', 'invalid_redirect', 'sign_in_expired', 'cancelled'] as const) {
      expect(t.session.federatedFailed(new GatehouseError(code, 'x'), 'Google')).toEqual(before);
    }
    await t.session.signOut();
    t.session.federatedStarted('Google');
    expect(t.session.state()).toEqual({ status: 'signing-in', method: 'federated', provider: 'Google' });
    expect(t.session.federatedFailed(new GatehouseError('no_pending_sign_in', 'x'), 'Google')).toEqual({
      status: 'signing-in',
      method: 'federated',
      provider: 'Google',
    });
    expect(t.session.federatedFailed(new GatehouseError('cancelled', 'x'), 'Google')).toMatchObject({
      status: 'signed-out',
      notice: { code: 'cancelled' },
    });
  });

  it('signing in as another account while signed in revokes and removes the previous refresh token', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const aliceToken = t.issued[0]?.refreshToken ?? '';
    const state = await t.session.signIn('bob', 'Correct-Horse-1');
    expect(state).toMatchObject({ status: 'signed-in', user: { username: 'bob' } });
    await t.vault.idle();
    expect(t.accounts.revoke).toHaveBeenCalledWith(aliceToken);
    expect(t.network.revoked.has(aliceToken)).toBe(true);
    expect(t.keychain.calls).toContain(`delete ${ITEM}`);
    expect(t.saved()).toMatchObject({ username: 'bob', refreshToken: t.issued[1]?.refreshToken });
  });

  it('signing in again as the same account revokes the replaced refresh token and keeps one entry', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    await t.session.signIn('alice', 'Correct-Horse-1');
    await t.vault.idle();
    expect(t.accounts.revoke).toHaveBeenCalledWith(t.issued[0]?.refreshToken);
    expect(t.saved()).toMatchObject({ username: 'alice', refreshToken: t.issued[1]?.refreshToken });
  });

  it('never holds a state that breaks the contract (an error without a code reaches federatedFailed)', () => {
    const t = setup();
    t.session.federatedStarted('Google');
    const after = t.session.federatedFailed(new GatehouseError(undefined as never, 'broken'), 'Google');
    expect(authStateSchema.parse(after)).toMatchObject({
      status: 'signed-out',
      notice: { code: 'internal' },
    });
    expect(authStateSchema.safeParse(t.session.state()).success).toBe(true);
    expect(t.lines.join('\n')).toContain('session: refused a state that breaks the contract');
  });

  it('Google: adopts the tokens as provider google, saved under the cognito:username', async () => {
    const t = setup({ profile: null });
    t.session.federatedStarted('Google');
    const tokens = makeTokens('Google_1234', t.clock.now());
    expect(await t.session.adoptFederated(tokens, 'google')).toMatchObject({
      status: 'needs-onboarding',
      user: { username: 'Google_1234', provider: 'google' },
    });
    await t.vault.idle();
    expect(t.saved()).toMatchObject({
      username: 'Google_1234',
      provider: 'google',
      refreshToken: tokens.refreshToken,
    });
  });

  it('a restore with an unchanged refresh token reads the keychain once and writes nothing', async () => {
    const first = setup();
    await first.session.signIn('alice', 'Correct-Horse-1');
    await first.vault.idle();
    const entry = first.keychain.get(SERVICE, ITEM);
    first.keychain.calls.length = 0;
    const second = setupOver(first);
    expect(await second.session.restore()).toMatchObject({ status: 'signed-in' });
    expect(first.keychain.calls).toEqual([`get ${ITEM}`]);
    expect(first.keychain.get(SERVICE, ITEM)).toBe(entry);
  });

  it('a restore whose refresh token Cognito rotated writes the entry once', async () => {
    const first = setup();
    await first.session.signIn('alice', 'Correct-Horse-1');
    await first.vault.idle();
    first.keychain.calls.length = 0;
    const second = setupOver(first);
    second.accounts.refresh.mockImplementationOnce(async (_token, username) => makeTokens(username, 0));
    await second.session.restore();
    await second.vault.idle();
    expect(first.keychain.calls).toEqual([`get ${ITEM}`, `set ${ITEM}`]);
    expect(second.saved()?.refreshToken).not.toBe(first.issued[0]?.refreshToken);
  });

  it('signing in again as the same account rewrites the entry only; another account replaces the previous one', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    await t.vault.idle();
    t.keychain.calls.length = 0;
    await t.session.signIn('alice', 'Correct-Horse-1');
    await t.vault.idle();
    expect(t.keychain.calls).toEqual([`set ${ITEM}`]);
    t.keychain.calls.length = 0;
    await t.session.signIn('bob', 'Correct-Horse-1');
    await t.vault.idle();
    // The replaced account's entry goes (its token is revoked), then bob's entry is written.
    expect(t.keychain.calls).toEqual([`delete ${ITEM}`, `set ${ITEM}`]);
    expect(t.saved()?.username).toBe('bob');
  });

  it('shows the user in once the profile is loaded, without waiting for the keychain write, which still ends saved', async () => {
    const t = setup();
    const release = t.keychain.holdWrites();
    const signedIn = await t.session.signIn('alice', 'Correct-Horse-1');
    expect(signedIn).toEqual({
      status: 'signed-in',
      user: expect.objectContaining({ username: 'alice' }),
      profile: PROFILE,
    });
    expect(t.keychain.calls).toContain(`set ${ITEM}`);
    expect(t.saved()).toBeUndefined();
    let idle = false;
    void t.vault.idle().then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    await t.vault.idle();
    expect(t.saved()).toMatchObject({ username: 'alice', refreshToken: t.issued[0]?.refreshToken });
    // A write that succeeds changes nothing the user sees: no second state.
    expect(t.states.at(-1)).toEqual(signedIn);
    expect(t.session.state()).not.toHaveProperty('keychainWarning');
  });

  it('a keychain write that fails after the user is in publishes the warning then; retry saves once the keychain works', async () => {
    const t = setup();
    const release = t.keychain.holdWrites();
    const signedIn = await t.session.signIn('alice', 'Correct-Horse-1');
    expect(signedIn).not.toHaveProperty('keychainWarning');
    t.keychain.setMode('locked');
    const published = t.states.length;
    release();
    await t.vault.idle();
    await vi.waitFor(() => expect(t.states.length).toBe(published + 1));
    expect(t.states.at(-1)).toEqual({ ...signedIn, keychainWarning: KEYCHAIN_WARNINGS.locked });
    expect(await t.auth.idToken()).toBe(t.issued[0]?.idToken);
    // The failed write is not remembered as done: once the keychain works, retry saves the token.
    t.keychain.setMode('ok');
    expect(await t.session.retry()).not.toHaveProperty('keychainWarning');
    expect(t.saved()).toMatchObject({ refreshToken: t.issued[0]?.refreshToken });
  });

  it('a keychain write that fails before the profile arrives is said in the signed-in state itself', async () => {
    const t = setup();
    t.keychain.setMode('locked');
    const held = holdProfile(t);
    const signingIn = t.session.signIn('alice', 'Correct-Horse-1');
    await vi.waitFor(() => expect(t.keychain.calls).toContain(`set ${ITEM}`));
    await t.vault.idle();
    held.answer();
    expect(await signingIn).toMatchObject({ status: 'signed-in', keychainWarning: KEYCHAIN_WARNINGS.locked });
    expect(t.states.filter((state) => state.status === 'signed-in')).toHaveLength(1);
  });

  it('a sign-out right after a sign-in removes the entry after its write, never before', async () => {
    const t = setup();
    const release = t.keychain.holdWrites();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const signingOut = t.session.signOut();
    await Promise.resolve();
    expect(t.keychain.calls).not.toContain(`delete ${ITEM}`);
    release();
    expect(await signingOut).toEqual({ status: 'signed-out' });
    expect(t.keychain.calls.slice(-2)).toEqual([`set ${ITEM}`, `delete ${ITEM}`]);
    expect(t.saved()).toBeUndefined();
  });

  it('never puts a token in a published state or a log line', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    t.clock.advance(58 * 60_000);
    await t.auth.idToken();
    await t.session.signOut();
    const published = JSON.stringify(t.states) + t.lines.join('\n');
    expect(t.issued.length).toBeGreaterThan(1);
    for (const tokens of t.issued) {
      for (const token of [tokens.idToken, tokens.accessToken, tokens.refreshToken]) {
        expect(published).not.toContain(token);
      }
    }
  });
});

/** A second session over the first one's keychain, clock and network: the next launch of the app. */
function setupOver(first: ReturnType<typeof setup>) {
  return setup({ world: { clock: first.clock, keychain: first.keychain, network: first.network } });
}

describe('launch retries by itself (issue 28)', () => {
  /** Waits for what a fired timer started (a refresh, a profile fetch) to end. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('a launch that finds Cognito unreachable retries after 1, 2, 4 … s, and is in once it answers', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const next = setupOver(t);
    next.network.up = false;
    expect(await next.session.restore()).toEqual({ status: 'offline', retryInSeconds: 1 });
    expect(next.timers.pending()).toEqual([1_000]);
    next.timers.fire();
    await settle();
    expect(next.session.state()).toEqual({ status: 'offline', retryInSeconds: 2 });
    expect(next.timers.pending()).toEqual([2_000]);
    next.timers.fire();
    await settle();
    expect(next.timers.pending()).toEqual([4_000]);
    next.network.up = true;
    next.timers.fire();
    await settle();
    expect(next.session.state()).toMatchObject({ status: 'signed-in', user: { username: 'alice' } });
    expect(next.timers.pending()).toEqual([]);
    expect(next.accounts.refresh).toHaveBeenCalledTimes(4);
  });

  it('waits at most a minute between tries, however long Cognito stays away', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const next = setupOver(t);
    next.network.up = false;
    await next.session.restore();
    for (let i = 0; i < 8; i++) {
      next.timers.fire();
      await settle();
    }
    expect(next.timers.pending()).toEqual([60_000]);
    expect(next.session.state()).toEqual({ status: 'offline', retryInSeconds: 60 });
  });

  it('anything the user does cancels the scheduled retry (a sign-in, a sign-out, quitting)', async () => {
    for (const act of [
      (session: ReturnType<typeof setup>['session']) => session.signIn('bob', 'Correct-Horse-1'),
      (session: ReturnType<typeof setup>['session']) => session.signOut(),
      async (session: ReturnType<typeof setup>['session']) => session.dispose(),
    ]) {
      const t = setup();
      await t.session.signIn('alice', 'Correct-Horse-1');
      const next = setupOver(t);
      next.network.up = false;
      await next.session.restore();
      expect(next.timers.pending()).toEqual([1_000]);
      next.network.up = true;
      await act(next.session);
      expect(next.timers.pending()).toEqual([]);
    }
  });

  it('a command the session refuses (a forged deep link) leaves the scheduled retry in place', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const next = setupOver(t);
    next.network.up = false;
    await next.session.restore();
    next.session.federatedFailed(
      new GatehouseError('no_pending_sign_in', 'No sign-in is waiting.'),
      'Google',
    );
    expect(next.timers.pending()).toEqual([1_000]);
  });

  it("the user's Retry replaces the scheduled one (one timer, the next wait longer)", async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const next = setupOver(t);
    next.network.up = false;
    await next.session.restore();
    await next.session.retry();
    expect(next.timers.pending()).toEqual([2_000]);
  });

  it('the window coming back (or a wake) retries at once instead of waiting', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const next = setupOver(t);
    next.network.up = false;
    await next.session.restore();
    next.network.up = true;
    await next.session.checkSession();
    await settle();
    expect(next.session.state()).toMatchObject({ status: 'signed-in' });
    expect(next.timers.pending()).toEqual([]);
  });
});

describe('the session ends when Cognito says so (issue 25 item 3)', () => {
  const signedIn = async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    const tokens = t.issued[0] as TokenSet;
    return { t, tokens };
  };

  it('the focus check after a remote global sign-out: sign-in screen with one notice, keychain entry removed', async () => {
    const { t, tokens } = await signedIn();
    t.network.revokedAccess.add(tokens.accessToken);
    await t.session.checkSession();
    await vi.waitFor(() => expect(t.keychain.get(SERVICE, ITEM)).toBeUndefined());
    expect(t.session.state()).toEqual({
      status: 'signed-out',
      notice: { code: 'session_expired', message: 'Your session has ended. Please sign in again.' },
    });
    expect(t.states.filter((s) => s.status === 'signed-out')).toHaveLength(1);
  });

  it('an action refused for a revoked access token (change password) ends the session, not just the action', async () => {
    const { t, tokens } = await signedIn();
    t.network.revokedAccess.add(tokens.accessToken);
    await expect(t.session.changePassword('Correct-Horse-1', 'Correct-Horse-2')).rejects.toMatchObject({
      code: 'session_expired',
    });
    expect(t.session.state()).toMatchObject({ status: 'signed-out', notice: { code: 'session_expired' } });
    await vi.waitFor(() => expect(t.keychain.get(SERVICE, ITEM)).toBeUndefined());
  });

  it('a refused token that is not the held one (a re-authentication, a replaced account) changes nothing', async () => {
    const { t } = await signedIn();
    t.session.accessRevoked('some-other-access-token');
    expect(t.session.state()).toMatchObject({ status: 'signed-in' });
    expect(t.keychain.get(SERVICE, ITEM)).toBeDefined();
  });

  it('a check that gets no answer keeps the session and the entry', async () => {
    const { t } = await signedIn();
    t.network.up = false;
    await t.session.checkSession();
    expect(t.session.state()).toMatchObject({ status: 'signed-in' });
    expect(t.keychain.get(SERVICE, ITEM)).toBeDefined();
  });

  it('a check near expiry refreshes first; a refused refresh ends the session the same way', async () => {
    const { t, tokens } = await signedIn();
    t.network.revoked.add(tokens.refreshToken);
    t.clock.advance(3_600_000);
    await t.session.checkSession();
    expect(t.session.state()).toMatchObject({ status: 'signed-out', notice: { code: 'session_expired' } });
    expect(t.accounts.checkSession).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(t.keychain.get(SERVICE, ITEM)).toBeUndefined());
  });
});

describe('auth session: deleting the account', () => {
  it('checks the password by a fresh sign-in, deletes the profile, then the Cognito user, then the entry', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    await t.vault.idle();
    expect(t.saved()).toBeDefined();
    const state = await t.session.deleteAccount({ password: 'Correct-Horse-1' });
    expect(state).toMatchObject({ status: 'signed-out', notice: { code: 'account_deleted' } });
    // The profile goes first: a Cognito user left without a profile can still sign in and retry.
    const proof = t.issued[1];
    expect(t.order).toEqual(['deleteProfile', `deleteUser ${proof?.refreshToken}`]);
    expect(t.backend.profile).toBeNull();
    expect(t.saved()).toBeUndefined();
    expect(t.accounts.revoke).not.toHaveBeenCalled();
    expect(t.endHostedSession).not.toHaveBeenCalled();
  });

  it('a wrong or missing password deletes nothing and keeps the user signed in', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    await expect(t.session.deleteAccount({ password: 'wrong' })).rejects.toMatchObject({
      code: 'wrong_credentials',
      field: 'password',
    });
    await expect(t.session.deleteAccount({})).rejects.toMatchObject({ field: 'password' });
    expect(t.order).toEqual([]);
    expect(t.session.state().status).toBe('signed-in');
  });

  it('retries the profile deletion while the backend is down; when it stays down nothing is deleted', async () => {
    const t = setup();
    await t.session.signIn('alice', 'Correct-Horse-1');
    let failures = 2;
    const deleteProfile = vi.mocked(t.profiles.deleteProfile);
    const real = deleteProfile.getMockImplementation();
    deleteProfile.mockImplementation(async () => {
      if (failures-- > 0) throw new GatehouseError('backend_unavailable', 'down');
      return real?.();
    });
    await expect(t.session.deleteAccount({ password: 'Correct-Horse-1' })).resolves.toMatchObject({
      status: 'signed-out',
    });
    expect(t.slept).toEqual([1_000, 2_000]);

    const u = setup();
    await u.session.signIn('alice', 'Correct-Horse-1');
    u.backend.up = false;
    await expect(u.session.deleteAccount({ password: 'Correct-Horse-1' })).rejects.toMatchObject({
      code: 'backend_unavailable',
      message: expect.stringContaining('nothing was deleted'),
    });
    expect(u.order).toEqual([]);
    expect(u.accounts.deleteUser).not.toHaveBeenCalled();
    expect(u.session.state().status).toBe('signed-in');
    // The proof's own session is not left alive.
    expect(u.accounts.revoke).toHaveBeenCalledWith(u.issued[1]?.refreshToken);
  });

  it('a federated user confirms by typing DELETE; the Hosted UI session ends too', async () => {
    const t = setup();
    await t.session.adoptFederated(makeTokens('Google_1', t.clock.now()), 'google');
    await expect(t.session.deleteAccount({ confirmation: 'delete me' })).rejects.toMatchObject({
      field: 'confirmation',
    });
    expect(t.order).toEqual([]);
    const state = await t.session.deleteAccount({ confirmation: ' DELETE ' });
    expect(state).toMatchObject({ status: 'signed-out', notice: { code: 'account_deleted' } });
    expect(t.accounts.signIn).not.toHaveBeenCalled();
    expect(t.order[0]).toBe('deleteProfile');
    expect(t.endHostedSession).toHaveBeenCalledTimes(1);
  });
});
