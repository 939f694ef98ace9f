import type { UserPool } from 'cognito-local/lib/services/userPoolService.js';
import { CognitoException } from './errors.js';

/** The characters Cognito counts as symbols. */
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** Throws Cognito's InvalidPasswordException when a password breaks the pool's policy. */
export function assertPasswordPolicy(password: string, pool: UserPool): void {
  const policy = pool.Policies?.PasswordPolicy ?? {};
  const fail = (why: string) => {
    throw new CognitoException('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  };
  if (password.length < (policy.MinimumLength ?? 8)) fail('Password not long enough');
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) fail('Password must have uppercase characters');
  if (policy.RequireLowercase && !/[a-z]/.test(password)) fail('Password must have lowercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) fail('Password must have numeric characters');
  if (policy.RequireSymbols && !SYMBOLS.test(password)) fail('Password must have symbol characters');
}
