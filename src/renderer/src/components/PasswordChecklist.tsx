import { useId } from 'react';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import { checklistLines } from '../state/usePasswordPolicy';
import { CheckIcon, CircleIcon } from './Icons';

/**
 * The pool's password policy as a live checklist for what is typed so far. The password input is
 * described by this whole block, so its description reads each rule with "(done)" or "(not yet)":
 * the list is named by a visible-to-readers title, never by an `aria-label`, which would replace the
 * items in the description.
 */
export function PasswordChecklist({ policy, password }: { policy: PasswordPolicy | null; password: string }) {
  const titleId = `${useId()}-title`;
  if (!policy) return null;
  return (
    <>
      <p className="visually-hidden" id={titleId}>
        Password requirements:
      </p>
      <ul className="checklist" aria-labelledby={titleId}>
        {checklistLines(policy, password).map((rule) => (
          <li key={rule.id} className={rule.met ? 'checklist-item is-met' : 'checklist-item'}>
            {rule.met ? <CheckIcon /> : <CircleIcon />}
            <span>{rule.label}</span>
            <span className="visually-hidden">{rule.met ? ' (done)' : ' (not yet)'}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
