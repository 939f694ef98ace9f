import type { PasswordPolicy } from '../../../shared/ipc/contract';

/** The password policy as one plain sentence, e.g. "Use at least 8 characters, with a number and a symbol." */
export function describePasswordPolicy(policy: PasswordPolicy): string {
  const parts: string[] = [];
  if (policy.requireLowercase) parts.push('a lowercase letter');
  if (policy.requireUppercase) parts.push('an uppercase letter');
  if (policy.requireNumbers) parts.push('a number');
  if (policy.requireSymbols) parts.push('a symbol');
  const head = `Use at least ${policy.minLength} characters`;
  if (parts.length === 0) return `${head}.`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${head}, with ${list}.`;
}
