import { describe, expect, it, vi } from 'vitest';
import { userFromIdToken } from '../../../../../src/main/core/session/claims';
import { createPhoneVerification } from '../../../../../src/main/core/session/phoneVerification';
import { GatehouseError } from '../../../../../src/shared/errors';
import type { User } from '../../../../../src/shared/ipc/contract';
import { makeJwt } from '../support/fakes';

const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('the phone number in the signed-in user', () => {
  it('comes from the ID token with whether it is verified (Cognito writes phone_number_verified)', () => {
    const token = makeJwt({
      'cognito:username': 'ada',
      email: 'ada@example.test',
      email_verified: true,
      phone_number: '+14155550100',
      phone_number_verified: false,
    });
    expect(userFromIdToken(token, 'cognito')).toMatchObject({ phone: '+14155550100', phoneVerified: false });
    const verified = makeJwt({
      'cognito:username': 'ada',
      phone_number: '+14155550100',
      phone_number_verified: 'true',
    });
    expect(userFromIdToken(verified, 'cognito').phoneVerified).toBe(true);
    expect(userFromIdToken(makeJwt({ 'cognito:username': 'ada' }), 'cognito')).not.toHaveProperty('phone');
  });
});

describe('verifying the phone number', () => {
  function setUp(user: User) {
    const accounts = {
      sendPhoneCode: vi.fn(async () => ({
        delivery: { destination: '+*******0100', medium: 'SMS' as const },
      })),
      verifyPhone: vi.fn(async () => {}),
    };
    const credentials = {
      fresh: vi.fn(async () => ({}) as never),
      refresh: vi.fn(async () => ({}) as never),
    };
    const showUser = vi.fn(() => ({ status: 'signed-out' }) as const);
    const phone = createPhoneVerification({
      accounts,
      user: () => user,
      credentials,
      showUser,
      log: log as never,
    });
    return { phone, accounts, credentials, showUser };
  }
  const base: User = { username: 'ada', email: 'a@e.test', emailVerified: true, provider: 'cognito' };

  it('texts a code, verifies it, refreshes the tokens so they say so, and shows the user', async () => {
    const { phone, accounts, credentials, showUser } = setUp({
      ...base,
      phone: '+14155550100',
      phoneVerified: false,
    });
    expect((await phone.sendCode()).delivery.medium).toBe('SMS');
    await phone.verify('123456');
    expect(accounts.verifyPhone).toHaveBeenCalledWith(expect.anything(), '123456');
    expect(credentials.refresh).toHaveBeenCalled();
    expect(showUser).toHaveBeenCalled();
  });

  it('refuses in plain words when there is no number, or it is already verified, and calls Cognito for neither', async () => {
    const none = setUp(base);
    await expect(none.phone.sendCode()).rejects.toThrow(
      new GatehouseError('invalid_request', 'Your account has no phone number to verify.'),
    );
    const done = setUp({ ...base, phone: '+14155550100', phoneVerified: true });
    await expect(done.phone.verify('123456')).rejects.toThrow('Your phone number is already verified.');
    expect(none.accounts.sendPhoneCode).not.toHaveBeenCalled();
    expect(done.accounts.verifyPhone).not.toHaveBeenCalled();
  });
});
