import type { User, UserPool } from 'cognito-local/lib/services/userPoolService.js';
import { matchTotp } from '../../lib/totp.js';
import { CognitoException } from './errors.js';

/**
 * A user's software token as the devstack keeps it on the user record. `Secret`/`Verified`/
 * `FriendlyDeviceName` are cognito-local's own field names; `PendingSecret` is a secret associated
 * but not verified yet (the verified one keeps working until then, as in Cognito), and
 * `LastUsedStep` the last TOTP time step accepted, so no code is accepted twice (RFC 6238 §5.2).
 */
export interface SoftwareTokenRecord {
  Secret?: string;
  Verified?: boolean;
  FriendlyDeviceName?: string;
  PendingSecret?: string;
  LastUsedStep?: number;
}

/** The MFA method name Cognito uses for TOTP. */
export const SOFTWARE_TOKEN_MFA = 'SOFTWARE_TOKEN_MFA';

/** The user's software-token record (empty when none). */
export function softwareTokenOf(user: User): SoftwareTokenRecord {
  return (user.SoftwareTokenMfaConfiguration ?? {}) as SoftwareTokenRecord;
}

/** The user with a changed software-token record. */
export function withSoftwareToken(user: User, token: SoftwareTokenRecord): User {
  return {
    ...user,
    SoftwareTokenMfaConfiguration: token as User['SoftwareTokenMfaConfiguration'],
    UserLastModifiedDate: new Date(),
  };
}

/** Whether the pool lets users associate software tokens (SetUserPoolMfaConfig's `SoftwareTokenMfaConfiguration`). */
export function poolAllowsSoftwareTokens(pool: UserPool): boolean {
  return (
    pool.MfaConfiguration !== undefined &&
    pool.MfaConfiguration !== 'OFF' &&
    pool.SoftwareTokenMfaConfiguration?.Enabled === true
  );
}

/** Refuses software-token setup in a pool without it, with the wording of Cognito's TOTP guide. */
export function assertPoolAllowsSoftwareTokens(pool: UserPool): void {
  if (!poolAllowsSoftwareTokens(pool)) {
    throw new CognitoException(
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    );
  }
}

/** Whether a sign-in of this user must answer SOFTWARE_TOKEN_MFA: MFA on in the pool and TOTP on for the user. */
export function signInNeedsSoftwareToken(pool: UserPool, user: User): boolean {
  return (
    (pool.MfaConfiguration ?? 'OFF') !== 'OFF' &&
    (user.UserMFASettingList ?? []).includes(SOFTWARE_TOKEN_MFA) &&
    softwareTokenOf(user).Secret !== undefined
  );
}

/** Whether a sign-in of this user must first set MFA up: the pool requires it and the user has none. */
export function signInNeedsMfaSetup(pool: UserPool, user: User): boolean {
  return pool.MfaConfiguration === 'ON' && (user.UserMFASettingList ?? []).length === 0;
}

/**
 * Checks a TOTP code against a secret and the user's last accepted step. Answers the matched step
 * (the caller stores it as `LastUsedStep`); throws `mismatch` for a wrong code and
 * ExpiredCodeException for a right code that was already used, as Cognito words it.
 */
export function acceptCode(
  token: SoftwareTokenRecord,
  secret: string,
  code: string,
  mismatch: () => CognitoException,
  now: number = Date.now(),
): number {
  const step = matchTotp(secret, code, now);
  if (step === undefined) throw mismatch();
  if (token.LastUsedStep !== undefined && step <= token.LastUsedStep) {
    throw new CognitoException('ExpiredCodeException', 'Your software token has already been used once.');
  }
  return step;
}
