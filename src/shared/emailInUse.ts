/**
 * How the pool's pre-sign-up trigger (infra/triggers/preSignUp.ts) refuses a password sign-up for
 * an e-mail an account already holds, and how the app reads it back: the trigger throws
 * `EMAIL_IN_USE:<ways>` (`Password` and/or provider names), and Cognito answers the sign-up with
 * UserLambdaValidationException "PreSignUp failed with error EMAIL_IN_USE:<ways>."
 */

/** The refusal's stable start. */
export const EMAIL_IN_USE = 'EMAIL_IN_USE';

/** The way an account signs in with its own password. */
export const PASSWORD_WAY = 'Password';

/** The trigger's refusal naming how the account signs in (`Password`, `Google`, …). */
export function emailInUseMessage(ways: readonly string[]): string {
  return `${EMAIL_IN_USE}:${ways.join(',')}`;
}

/** The ways named in a refusal anywhere in `message`, or undefined when it is not one. */
export function emailInUseWays(message: string): string[] | undefined {
  const found = message.match(new RegExp(`${EMAIL_IN_USE}:([\\w,-]*)`));
  if (found === null) return undefined;
  return (found[1] ?? '').split(',').filter((way) => way !== '');
}
