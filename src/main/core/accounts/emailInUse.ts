import { emailInUseWays, PASSWORD_WAY } from '../../../shared/emailInUse';
import { GatehouseError } from '../../../shared/errors';

/** A list in words: `Google`, `Google or Microsoft`, `Google, Apple or Microsoft`. */
const either = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

/**
 * The choice a sign-up gets when the pool's pre-sign-up trigger refused it because an account
 * already holds the e-mail (src/shared/emailInUse.ts), in plain words (a banner with the choices: sign in, reset the password, another e-mail);
 * undefined for any other failure. Nothing was created in Cognito.
 */
export function emailInUseError(error: unknown): GatehouseError | undefined {
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  if (name !== 'UserLambdaValidationException' && code !== 'UserLambdaValidationException') return undefined;
  const ways = typeof message === 'string' ? emailInUseWays(message) : undefined;
  if (ways === undefined) return undefined;
  const providers = ways.filter((way) => way !== PASSWORD_WAY);
  if (ways.includes(PASSWORD_WAY) || providers.length === 0) {
    return new GatehouseError(
      'email_taken',
      'An account with this email address already exists. Sign in to it, reset its password if you forgot it, or use another email address.',
      undefined,
      { cause: error },
    );
  }
  return new GatehouseError(
    'email_taken_federated',
    `An account with this email address already exists: it signs in with ${either(providers)}. Sign in with ${either(providers)} instead, or use another email address.`,
    undefined,
    { cause: error },
  );
}
