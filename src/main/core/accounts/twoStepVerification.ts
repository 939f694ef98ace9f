import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { toGatehouseError } from './cognitoErrors';
import { createPoolCaller, type UserPool } from './userPool';

/** Cognito's name for authenticator-app (TOTP) MFA. */
const SOFTWARE_TOKEN_MFA = 'SOFTWARE_TOKEN_MFA';

/**
 * Two-step verification with an authenticator app, on the user-pool API: associate a secret,
 * verify the first code, turn TOTP on or off, and read whether it is on. Every call is authorised
 * by the signed-in user's access token. Failures become GatehouseErrors.
 */
export interface TwoStepVerification {
  /** AssociateSoftwareToken: a new secret (base32), pending until `verifyTotp` accepts a code from it. */
  associateTotp(tokens: TokenSet): Promise<{ secret: string }>;
  /** VerifySoftwareToken with the first code, then SetUserMFAPreference: TOTP on and preferred. */
  verifyTotp(tokens: TokenSet, code: string, deviceName: string): Promise<void>;
  /** SetUserMFAPreference with TOTP off (the token stays associated in Cognito, unused). */
  disableTotp(tokens: TokenSet): Promise<void>;
  /** GetUser: whether TOTP is among the user's MFA methods. */
  totpEnabled(tokens: TokenSet): Promise<boolean>;
}

/** Creates the two-step calls over the pool's transport (the library's wrappers add nothing here). */
export function createTwoStepVerification(userPool: UserPool, policy: PasswordPolicy): TwoStepVerification {
  const call = createPoolCaller(userPool, policy);
  const setTotp = (tokens: TokenSet, enabled: boolean) =>
    call('setTotpPreference', 'SetUserMFAPreference', {
      AccessToken: tokens.accessToken,
      SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: enabled },
    });

  return {
    async associateTotp(tokens) {
      const answer = await call('associateTotp', 'AssociateSoftwareToken', {
        AccessToken: tokens.accessToken,
      });
      if (typeof answer.SecretCode !== 'string' || answer.SecretCode === '') {
        throw toGatehouseError({ name: 'InternalErrorException' }, 'associateTotp', policy);
      }
      return { secret: answer.SecretCode };
    },

    async verifyTotp(tokens, code, deviceName) {
      const answer = await call('verifyTotp', 'VerifySoftwareToken', {
        AccessToken: tokens.accessToken,
        UserCode: code,
        FriendlyDeviceName: deviceName,
      });
      if (answer.Status !== 'SUCCESS') {
        throw toGatehouseError({ name: 'EnableSoftwareTokenMFAException' }, 'verifyTotp', policy);
      }
      await setTotp(tokens, true);
    },

    async disableTotp(tokens) {
      await setTotp(tokens, false);
    },

    async totpEnabled(tokens) {
      const answer = await call('readTotp', 'GetUser', { AccessToken: tokens.accessToken });
      const methods = Array.isArray(answer.UserMFASettingList) ? answer.UserMFASettingList : [];
      return methods.includes(SOFTWARE_TOKEN_MFA);
    },
  };
}
