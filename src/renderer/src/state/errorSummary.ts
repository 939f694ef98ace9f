/**
 * The field errors shown in `form`, as one sentence for a screen reader, e.g. "2 fields need
 * attention. Username: Choose a username. Password: Enter your password." ('' when none). Read from
 * the page, so what is said is exactly what is shown: each `.field-error` with its field's label.
 */
export function errorSummary(form: HTMLElement): string {
  const parts = [...form.querySelectorAll<HTMLElement>('.field-error')].map((error) => {
    const label = error.closest('.field')?.querySelector('.field-label')?.textContent?.trim();
    const text = (error.textContent ?? '').trim().replace(/\.$/, '');
    return label ? `${label}: ${text}.` : `${text}.`;
  });
  if (parts.length === 0) return '';
  const count = parts.length === 1 ? 'One field needs' : `${parts.length} fields need`;
  return `${count} attention. ${parts.join(' ')}`;
}
