import { describe, expect, it } from 'vitest';
import {
  followAuthState,
  SIGNED_OUT_NOTICE,
  screenFor,
  signedOutNotice,
} from '../../../../../src/renderer/src/state/authRouting';
import type { Profile } from '../../../../../src/shared/backendApi';
import type { AuthState, User } from '../../../../../src/shared/ipc/contract';

const user = { email: 'ada@example.com' } as User;
const profile = { username: 'ada' } as Profile;
const signedOut: AuthState = { status: 'signed-out' };
const signedIn: AuthState = { status: 'signed-in', user, profile };
const passwordSignIn: AuthState = { status: 'signing-in', method: 'password' };
const cancelled: AuthState = { status: 'signed-out', notice: { code: 'cancelled', message: 'Cancelled.' } };

describe('screenFor', () => {
  it('picks the screen for each auth state', () => {
    const cases: Array<[AuthState, string]> = [
      [{ status: 'signing-in', method: 'restore' }, 'splash'],
      [{ status: 'signing-in', method: 'federated', provider: 'Microsoft' }, 'federated-waiting'],
      [passwordSignIn, 'signed-out'],
      [signedOut, 'signed-out'],
      [{ status: 'new-password-required' }, 'new-password'],
      [{ status: 'totp-required' }, 'totp'],
      [{ status: 'needs-onboarding', user }, 'onboarding'],
      [signedIn, 'home'],
      [{ status: 'offline' }, 'offline'],
    ];
    for (const [state, name] of cases) expect(screenFor(state, null).name, state.status).toBe(name);
  });

  it('says why it cannot start before anything else, and waits while there is no state', () => {
    expect(screenFor(signedIn, 'No bridge.')).toEqual({ name: 'load-error', message: 'No bridge.' });
    expect(screenFor(null, null)).toEqual({ name: 'splash', message: 'Starting Gatehouse…' });
    expect(screenFor({ status: 'signing-in', method: 'restore' }, null)).toEqual({
      name: 'splash',
      message: 'Signing you in…',
    });
  });

  it('passes what each screen shows', () => {
    expect(screenFor(signedIn, null)).toEqual({ name: 'home', user, profile });
    expect(screenFor({ status: 'offline', user }, null)).toEqual({ name: 'offline', user });
    expect(screenFor(cancelled, null)).toEqual({ name: 'signed-out', notice: cancelled.notice });
  });

  it('tells the second-step screens whether they may switch (authenticator ↔ e-mailed code)', () => {
    expect(screenFor({ status: 'totp-required' }, null)).toEqual({
      name: 'totp',
      canUseEmail: false,
      offerRememberDevice: false,
    });
    expect(screenFor({ status: 'totp-required', canUseEmail: true }, null)).toEqual({
      name: 'totp',
      canUseEmail: true,
      offerRememberDevice: false,
    });
    expect(screenFor({ status: 'totp-required', offerRememberDevice: true }, null)).toEqual({
      name: 'totp',
      canUseEmail: false,
      offerRememberDevice: true,
    });
    const delivery = { medium: 'EMAIL' as const, destination: 'a***@e***' };
    expect(screenFor({ status: 'email-mfa-required', delivery, canUseAuthenticator: true }, null)).toEqual({
      name: 'email-mfa',
      delivery,
      canUseAuthenticator: true,
    });
  });

  it('leaves a keychain notice to the keychain banner', () => {
    const keychain: AuthState = {
      status: 'signed-out',
      notice: { code: 'keychain_unavailable', message: 'Locked.' },
    };
    expect(screenFor(keychain, null)).toEqual({ name: 'signed-out', notice: undefined });
  });
});

describe('followAuthState', () => {
  it('goes back to sign-in when main signs the user out', () => {
    expect(followAuthState(signedIn, signedOut, '')).toEqual({
      toSignIn: true,
      newNotice: false,
      lastNotice: '',
    });
  });

  it('keeps the screen (and what was typed) when a password sign-in fails', () => {
    expect(followAuthState(passwordSignIn, signedOut, '').toSignIn).toBe(false);
    expect(followAuthState(signedOut, passwordSignIn, '').toSignIn).toBe(false);
  });

  it('goes to sign-in for a new notice, but not for the same notice sent again', () => {
    const first = followAuthState(passwordSignIn, cancelled, '');
    expect(first).toEqual({ toSignIn: true, newNotice: true, lastNotice: 'cancelled|Cancelled.' });
    const again = followAuthState(passwordSignIn, cancelled, first.lastNotice);
    expect(again).toEqual({ toSignIn: false, newNotice: false, lastNotice: 'cancelled|Cancelled.' });
  });

  it('resets to sign-in when the signed-out screens are left, but not for a Google sign-in under way', () => {
    expect(followAuthState(signedOut, signedIn, 'x|y')).toEqual({
      toSignIn: true,
      newNotice: false,
      lastNotice: '',
    });
    expect(
      followAuthState(signedOut, { status: 'signing-in', method: 'federated', provider: 'Google' }, 'x|y'),
    ).toEqual({
      toSignIn: false,
      newNotice: false,
      lastNotice: '',
    });
  });
});

describe('signedOutNotice', () => {
  it('says "signed out" after leaving a session, not when main gave its own reason or nobody was in', () => {
    expect(signedOutNotice(signedIn, signedOut)).toBe(SIGNED_OUT_NOTICE);
    expect(signedOutNotice({ status: 'needs-onboarding', user }, signedOut)).toBe(SIGNED_OUT_NOTICE);
    expect(signedOutNotice(signedIn, cancelled)).toBeUndefined();
    expect(signedOutNotice(passwordSignIn, signedOut)).toBeUndefined();
    expect(signedOutNotice(null, signedOut)).toBeUndefined();
  });
});
