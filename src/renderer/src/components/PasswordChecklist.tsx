import type { PasswordPolicy } from '../../../shared/ipc/contract';
import { passwordRules } from '../state/usePasswordPolicy';
import { CheckIcon, CircleIcon } from './Icons';

/** The pool's password policy as a live checklist for what is typed so far. */
export function PasswordChecklist({ policy, password }: { policy: PasswordPolicy | null; password: string }) {
  if (!policy) return null;
  return (
    <ul className="checklist" aria-label="Password requirements">
      {passwordRules(policy, password).map((rule) => (
        <li key={rule.id} className={rule.met ? 'checklist-item is-met' : 'checklist-item'}>
          {rule.met ? <CheckIcon /> : <CircleIcon />}
          <span>{rule.label}</span>
          <span className="visually-hidden">{rule.met ? ' (done)' : ' (not yet)'}</span>
        </li>
      ))}
    </ul>
  );
}
