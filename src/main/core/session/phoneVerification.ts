import { GatehouseError } from '../../../shared/errors';
import type { AuthState, User } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { CodeDelivery } from '../accounts/codeDelivery';
import type { Logger } from '../log';
import type { Credentials } from './credentials';

/**
 * Verifying the signed-in user's phone number with a texted code (Cognito's
 * GetUserAttributeVerificationCode and VerifyUserAttribute for `phone_number`). The pool auto-verifies
 * only the e-mail at sign-up (its code keeps the backend's key verified), so a number given at sign-up
 * is verified here; once verified it signs in like the username.
 */
export interface PhoneVerification {
  /** Texts a code to the account's unverified number. */
  sendCode(): Promise<{ delivery: CodeDelivery }>;
  /** The texted code verifies the number; the refreshed tokens say so, and the answered state shows it. */
  verify(code: string): Promise<AuthState>;
}

/** What phone verification needs from the session. */
export interface PhoneVerificationDeps {
  accounts: Pick<Accounts, 'sendPhoneCode' | 'verifyPhone'>;
  /** The signed-in user, or a `not_signed_in` error. */
  user(): User;
  credentials: Pick<Credentials, 'fresh' | 'refresh'>;
  /** Publishes the user the held tokens now name; answers the state. */
  showUser(): AuthState;
  log: Logger;
}

const TEXT = {
  noPhone: 'Your account has no phone number to verify.',
  verified: 'Your phone number is already verified.',
} as const;

/** Creates phone verification over the session's user and tokens. */
export function createPhoneVerification(deps: PhoneVerificationDeps): PhoneVerification {
  const { accounts, credentials, log } = deps;

  /** The user, when they have a number that still needs its code. */
  const unverified = (): User => {
    const user = deps.user();
    if (user.phone === undefined || user.provider !== 'cognito')
      throw new GatehouseError('invalid_request', TEXT.noPhone);
    if (user.phoneVerified) throw new GatehouseError('invalid_request', TEXT.verified);
    return user;
  };

  return {
    async sendCode() {
      unverified();
      const sent = await accounts.sendPhoneCode(await credentials.fresh());
      log.info('phone: verification code texted');
      return sent;
    },

    async verify(code) {
      unverified();
      await accounts.verifyPhone(await credentials.fresh(), code);
      log.info('phone: number verified');
      try {
        // The ID token carries phone_number_verified: a refresh makes the screen see it.
        await credentials.refresh();
      } catch (error) {
        log.warn('phone: could not refresh after verifying the number', { error });
      }
      return deps.showUser();
    },
  };
}
