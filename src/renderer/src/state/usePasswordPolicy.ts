import { useEffect, useState } from 'react';
import { checkPassword, type PasswordPolicy, type PasswordRule } from '../../../shared/passwordPolicy';
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
export interface ChecklistLine {
  id: PasswordRule;
  label: string;
  met: boolean;
}

const LABELS: Record<PasswordRule, (policy: PasswordPolicy) => string> = {
  length: (policy) => `At least ${policy.minLength} characters`,
  lowercase: () => 'A lowercase letter',
  uppercase: () => 'An uppercase letter',
  number: () => 'A number',
  symbol: () => 'A symbol, like ! or # (a space counts)',
};

/** The policy as checklist lines, each marked met or not for `password` by the shared check. */
export function checklistLines(policy: PasswordPolicy, password: string): ChecklistLine[] {
  return checkPassword(policy, password).map(({ rule, met }) => ({
    id: rule,
    label: LABELS[rule](policy),
    met,
  }));
}
