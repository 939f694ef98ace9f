import { useEffect, useState } from 'react';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import { call } from '../api';

let cached: Promise<PasswordPolicy> | null = null;

/** The user pool's password policy from `auth.passwordPolicy` (asked once), or null until known. */
export function usePasswordPolicy(): PasswordPolicy | null {
  const [policy, setPolicy] = useState<PasswordPolicy | null>(null);
  useEffect(() => {
    let live = true;
    cached ??= call('auth.passwordPolicy', {});
    cached
      .then((answer) => {
        if (live) setPolicy(answer);
      })
      .catch(() => {
        cached = null; // ask again next time; the form still works, only the checklist is missing
      });
    return () => {
      live = false;
    };
  }, []);
  return policy;
}

/** One line of the password checklist. */
export interface PasswordRule {
  id: string;
  label: string;
  met: boolean;
}

/** The policy as checklist lines, each marked met or not for `password`. */
export function passwordRules(policy: PasswordPolicy, password: string): PasswordRule[] {
  const rules: PasswordRule[] = [
    {
      id: 'length',
      label: `At least ${policy.minLength} characters`,
      met: password.length >= policy.minLength,
    },
  ];
  if (policy.requireLowercase)
    rules.push({ id: 'lower', label: 'A lowercase letter', met: /[a-z]/.test(password) });
  if (policy.requireUppercase)
    rules.push({ id: 'upper', label: 'An uppercase letter', met: /[A-Z]/.test(password) });
  if (policy.requireNumbers) rules.push({ id: 'number', label: 'A number', met: /\d/.test(password) });
  if (policy.requireSymbols) {
    rules.push({ id: 'symbol', label: 'A symbol, like ! or #', met: /[^A-Za-z0-9\s]/.test(password) });
  }
  return rules;
}
