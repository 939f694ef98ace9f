import { type PasswordPolicy, type PasswordRule, rulesOf } from '../../../shared/passwordPolicy';

const PHRASES: Record<Exclude<PasswordRule, 'length'>, string> = {
  lowercase: 'a lowercase letter',
  uppercase: 'an uppercase letter',
  number: 'a number',
  symbol: 'a symbol',
};

/** The password policy as one plain sentence, e.g. "Use at least 8 characters, with a number and a symbol." */
export function describePasswordPolicy(policy: PasswordPolicy): string {
  const parts = rulesOf(policy).flatMap((rule) => (rule === 'length' ? [] : [PHRASES[rule]]));
  const head = `Use at least ${policy.minLength} characters`;
  if (parts.length === 0) return `${head}.`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${head}, with ${list}.`;
}

/** What a password the policy refuses is told: the same words wherever it is refused (Cognito's answer or main's own check). */
export function weakPasswordMessage(policy: PasswordPolicy): string {
  return `That password is too weak. ${describePasswordPolicy(policy)}`;
}
