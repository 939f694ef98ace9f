import type { UserPool } from 'cognito-local/lib/services/userPoolService.js';
import { checkPassword, type PasswordPolicy, type PasswordRule } from '../../src/shared/passwordPolicy.js';
import { CognitoException } from './errors.js';

// Cognito's InvalidPasswordException reasons, in the order it reports the first one broken.
const REASONS: [PasswordRule, string][] = [
  ['length', 'Password not long enough'],
  ['uppercase', 'Password must have uppercase characters'],
  ['lowercase', 'Password must have lowercase characters'],
  ['number', 'Password must have numeric characters'],
  ['symbol', 'Password must have symbol characters'],
];

/** The pool's PasswordPolicyType in the app's shape (Cognito's default minimum is 8). */
export function policyOf(pool: UserPool): PasswordPolicy {
  const policy = pool.Policies?.PasswordPolicy ?? {};
  return {
    minLength: policy.MinimumLength ?? 8,
    requireLowercase: policy.RequireLowercase ?? false,
    requireUppercase: policy.RequireUppercase ?? false,
    requireNumbers: policy.RequireNumbers ?? false,
    requireSymbols: policy.RequireSymbols ?? false,
  };
}

/** Throws Cognito's InvalidPasswordException when a password breaks the pool's policy (the app's own check). */
export function assertPasswordPolicy(password: string, pool: UserPool): void {
  const broken = new Set(
    checkPassword(policyOf(pool), password)
      .filter((verdict) => !verdict.met)
      .map((verdict) => verdict.rule),
  );
  const reason = REASONS.find(([rule]) => broken.has(rule));
  if (reason) {
    throw new CognitoException(
      'InvalidPasswordException',
      `Password did not conform with policy: ${reason[1]}`,
    );
  }
}
