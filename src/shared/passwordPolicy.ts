import { z } from 'zod';

/**
 * The user pool's password policy and the one check of a password against it. The renderer's
 * checklist, main's "too weak" sentence and the devstack's InvalidPasswordException all read their
 * verdicts from `checkPassword`, so the checklist cannot say "done" for a password Cognito refuses.
 */

/** Cognito's range for a policy's minimum length (PasswordPolicyType.MinimumLength, 6–99):
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PasswordPolicyType.html */
export const PASSWORD_MIN_LENGTH_RANGE = { min: 6, max: 99 } as const;

/**
 * The characters Cognito counts as symbols, the space included; nothing else (not `é`, not `€`):
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-policies.html
 */
export const PASSWORD_SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

export const passwordPolicySchema = z.strictObject({
  minLength: z.number().int().min(PASSWORD_MIN_LENGTH_RANGE.min).max(PASSWORD_MIN_LENGTH_RANGE.max),
  requireLowercase: z.boolean(),
  requireUppercase: z.boolean(),
  requireNumbers: z.boolean(),
  requireSymbols: z.boolean(),
});

export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** One rule a policy can set, named the same by every reader. */
export type PasswordRule = 'length' | 'lowercase' | 'uppercase' | 'number' | 'symbol';

/** Whether a password meets one rule of the policy. */
export interface PasswordVerdict {
  rule: PasswordRule;
  met: boolean;
}

const symbols = new Set(PASSWORD_SYMBOLS);

// Letters and digits are the basic Latin ones, as Cognito counts them.
const meets: Record<PasswordRule, (password: string, policy: PasswordPolicy) => boolean> = {
  length: (password, policy) => password.length >= policy.minLength,
  lowercase: (password) => /[a-z]/.test(password),
  uppercase: (password) => /[A-Z]/.test(password),
  number: (password) => /[0-9]/.test(password),
  symbol: (password) => [...password].some((char) => symbols.has(char)),
};

/** The rules a policy sets, length first, in the order people read them. */
export function rulesOf(policy: PasswordPolicy): PasswordRule[] {
  const rules: PasswordRule[] = ['length'];
  if (policy.requireLowercase) rules.push('lowercase');
  if (policy.requireUppercase) rules.push('uppercase');
  if (policy.requireNumbers) rules.push('number');
  if (policy.requireSymbols) rules.push('symbol');
  return rules;
}

/** The verdict of each rule the policy sets, for `password`. */
export function checkPassword(policy: PasswordPolicy, password: string): PasswordVerdict[] {
  return rulesOf(policy).map((rule) => ({ rule, met: meets[rule](password, policy) }));
}
