import { describe, expect, it } from 'vitest';
import { PHONE_FORMAT_HINT } from '../../../../src/shared/phoneNumber';
import { newPhone, waitForTextedCode } from '../../../e2e/support/outbox';
import { onboardingFor, PASSWORD, unique } from './support/harness';
import { memoryCore, worldForFile } from './support/signedIn';

/**
 * Phone numbers cross the contract as typed (checked for shape only, so libphonenumber-js stays out of
 * the renderer bundle); main reads them for real. Against the real devstack, through the IPC router.
 * Cognito keeps and finds `phone_number` only in E.164
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html).
 */

const world = worldForFile();

describe('phone numbers through the core', () => {
  it('a typed number is kept in E.164, shown grouped, and signs in when typed with 00 and dashes', async () => {
    const test = memoryCore(world);
    const phone = newPhone();
    const username = unique('phone');
    const email = `${username}@example.test`;
    await test.call('auth.signUp', {
      username,
      email,
      password: PASSWORD,
      givenName: 'Ada',
      phone: phone.typed,
    });
    const code = world.devstack().mailbox.latestCode(email) as string;
    await test.call('auth.confirmSignUp', { username, code });
    const signedIn = await test.call('auth.signIn', { login: username, password: PASSWORD });
    const grouped = `+1 ${phone.e164.slice(2, 5)} 555 ${phone.e164.slice(-4)}`;
    expect(signedIn.status === 'needs-onboarding' && signedIn.user).toMatchObject({
      phone: phone.e164,
      phoneShown: grouped,
      phoneVerified: false,
    });
    await test.call('profile.save', onboardingFor(username));
    const since = new Date();
    await test.call('account.sendPhoneCode', {});
    await test.call('account.verifyPhone', {
      code: await waitForTextedCode(world.stack.devstack.cognitoUrl, phone.e164, since),
    });

    // The verified number is an alias: typed as a person might, main sends Cognito its E.164 form.
    const other = memoryCore(world);
    const typed = `00 1-${phone.e164.slice(2, 5)}-555-${phone.e164.slice(-4)}`;
    expect(await other.call('auth.signIn', { login: typed, password: PASSWORD })).toMatchObject({
      status: 'signed-in',
      user: { username, phone: phone.e164, phoneShown: grouped, phoneVerified: true },
    });
  });

  it('a number with the right shape that no country has is refused on `phone` before Cognito hears of it', async () => {
    const test = memoryCore(world);
    const username = unique('nophone');
    const refused = await test.fail('auth.signUp', {
      username,
      email: `${username}@example.test`,
      password: PASSWORD,
      givenName: 'Ada',
      phone: '+999 123 4567',
    });
    expect(refused).toEqual({ code: 'invalid_request', field: 'phone', message: PHONE_FORMAT_HINT });
    expect(test.cognito.count('SignUp')).toBe(0);
  });
});
