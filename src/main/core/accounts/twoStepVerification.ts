import type { PasswordPolicy, SecondFactor } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { toGatehouseError } from './cognitoErrors';
import { createPoolCaller, type UserPool } from './userPool';

/** Cognito's name for authenticator-app (TOTP) MFA. */
const SOFTWARE_TOKEN_MFA = 'SOFTWARE_TOKEN_MFA';

/** Cognito's name of each second factor and SetUserMFAPreference's field for it. */
const MFA_NAMES: Record<SecondFactor, { name: string; field: string }> = {
  totp: { name: SOFTWARE_TOKEN_MFA, field: 'SoftwareTokenMfaSettings' },
  email: { name: 'EMAIL_OTP', field: 'EmailMfaSettings' },
};

/** The user's second factors as GetUser reports them. */
export interface MfaMethods {
  /** `UserMFASettingList`, in Gatehouse's names (methods it does not offer, such as SMS, left out). */
  on: SecondFactor[];
  /** `PreferredMfaSetting`: the method Cognito asks for first, if one is set. */
  preferred?: SecondFactor;
}

/** One method's SetUserMFAPreference settings (`MfaSettings`: Enabled, PreferredMfa). */
export interface MfaSetting {
  enabled: boolean;
  preferred: boolean;
}

/**
 * Two-step verification with an authenticator app, on the user-pool API: associate a secret,
 * verify the first code, turn TOTP on or off, and read whether it is on. Every call is authorised
 * by the signed-in user's access token. Failures become GatehouseErrors.
 */
export interface TwoStepVerification {
  /** AssociateSoftwareToken: a new secret (base32), pending until `verifyTotp` accepts a code from it. */
  associateTotp(tokens: TokenSet): Promise<{ secret: string }>;
  /** VerifySoftwareToken with the first code, then SetUserMFAPreference: TOTP on (not preferred). */
  verifyTotp(tokens: TokenSet, code: string, deviceName: string): Promise<void>;
  /** SetUserMFAPreference with TOTP off (the token stays associated in Cognito, unused). */
  disableTotp(tokens: TokenSet): Promise<void>;
  /** GetUser: whether TOTP is among the user's MFA methods. */
  totpEnabled(tokens: TokenSet): Promise<boolean>;
  /** GetUser: the user's MFA methods and the preferred one. */
  mfaMethods(tokens: TokenSet): Promise<MfaMethods>;
  /** SetUserMFAPreference: the given methods' settings (methods left out are not changed). */
  setMfaPreference(tokens: TokenSet, settings: Partial<Record<SecondFactor, MfaSetting>>): Promise<void>;
}

/** Creates the two-step calls over the pool's transport (the library's wrappers add nothing here). */
export function createTwoStepVerification(userPool: UserPool, policy: PasswordPolicy): TwoStepVerification {
  const call = createPoolCaller(userPool, policy);
  // Never preferred: with e-mail codes also on, Cognito then lets each sign-in choose (SELECT_MFA_TYPE),
  // which is the way back in when the authenticator is lost (see session/secondStepSettings.ts).
  const setTotp = (tokens: TokenSet, enabled: boolean) =>
    call('setTotpPreference', 'SetUserMFAPreference', {
      AccessToken: tokens.accessToken,
      SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: false },
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

    async mfaMethods(tokens) {
      const answer = await call('readTotp', 'GetUser', { AccessToken: tokens.accessToken });
      const list = Array.isArray(answer.UserMFASettingList) ? answer.UserMFASettingList : [];
      const factors = Object.keys(MFA_NAMES) as SecondFactor[];
      const preferred = factors.find((factor) => MFA_NAMES[factor].name === answer.PreferredMfaSetting);
      return {
        on: factors.filter((factor) => list.includes(MFA_NAMES[factor].name)),
        ...(preferred === undefined ? {} : { preferred }),
      };
    },

    async setMfaPreference(tokens, settings) {
      const request: Record<string, unknown> = { AccessToken: tokens.accessToken };
      for (const [factor, setting] of Object.entries(settings) as [SecondFactor, MfaSetting][]) {
        request[MFA_NAMES[factor].field] = { Enabled: setting.enabled, PreferredMfa: setting.preferred };
      }
      await call('setMfaPreference', 'SetUserMFAPreference', request);
    },
  };
}
