import { type KeyboardEvent, useId, useState } from 'react';
import { Button } from './Button';
import { FieldError } from './FieldError';

interface ChipsProps {
  label: string;
  /** The form field's name, given to the `<fieldset>`. */
  name?: string | undefined;
  /** The words chosen, in order. */
  value: string[];
  onValueChange: (value: string[]) => void;
  /** Offered as one-click chips. */
  suggestions: readonly string[];
  max: number;
  maxLength: number;
  error?: string | undefined;
}

/** Picks a short list of words: suggested chips to toggle, plus your own typed in; at most `max`. */
export function Chips({
  label,
  name,
  value: values,
  onValueChange: onValuesChange,
  suggestions,
  max,
  maxLength,
  error,
}: ChipsProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  // Said under the box when the typed word cannot be added (too long); the typed text is kept.
  const [draftError, setDraftError] = useState<string | undefined>();
  const full = values.length >= max;
  const has = (word: string) => values.some((v) => v.toLowerCase() === word.toLowerCase());

  /** Adds the typed word and empties the box; a word too long stays in the box with an error. */
  const addDraft = () => {
    const word = draft.trim().replace(/\s+/g, ' ');
    if (word.length > maxLength) {
      setDraftError(`Use at most ${maxLength} characters for one ${label.toLowerCase().replace(/s$/, '')}.`);
      return;
    }
    if (word && !has(word) && !full) onValuesChange([...values, word]);
    setDraft('');
    setDraftError(undefined);
  };
  const add = (word: string) => {
    if (!has(word) && !full) onValuesChange([...values, word]);
  };
  const remove = (word: string) => onValuesChange(values.filter((v) => v !== word));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter here adds a word, never submits the whole form: an empty or blank box does nothing.
    if (event.key === 'Enter' || (event.key === ',' && draft.trim())) {
      event.preventDefault();
      if (draft.trim()) addDraft();
      else setDraft('');
    } else if (event.key === 'Backspace' && !draft && values.length > 0) {
      const last = values.at(-1);
      if (last !== undefined) remove(last);
    }
  };

  // Suggestions keep their place when chosen (a chip that moved would catch the next click meant
  // for its neighbour); only words typed in are listed apart.
  const own = values.filter((v) => !suggestions.some((s) => s.toLowerCase() === v.toLowerCase()));
  const chosenSuggestion = (word: string) => values.find((v) => v.toLowerCase() === word.toLowerCase());
  return (
    <fieldset
      name={name}
      className={error ? 'field chips field-invalid' : 'field chips'}
      aria-describedby={`${id}-count`}
    >
      <legend className="field-label">{label}</legend>
      <p className="field-hint" id={`${id}-count`} aria-live="polite">
        {values.length} of {max} chosen{full ? ' — remove one to add another' : ''}
      </p>
      {suggestions.length > 0 && (
        <div className="chip-suggestions">
          {suggestions.map((word) => {
            const chosen = chosenSuggestion(word);
            return chosen === undefined ? (
              <button
                key={word}
                type="button"
                className="chip chip-suggestion"
                disabled={full}
                onClick={() => add(word)}
                aria-label={`Add ${word}`}
              >
                <span aria-hidden="true">+</span> {word}
              </button>
            ) : (
              <button
                key={word}
                type="button"
                className="chip chip-suggestion chip-chosen"
                onClick={() => remove(chosen)}
                aria-label={`Remove ${word}`}
              >
                <span aria-hidden="true">✓</span> {word}
              </button>
            );
          })}
        </div>
      )}
      {own.length > 0 && (
        <ul className="chip-list" aria-label={`Chosen ${label.toLowerCase()}`}>
          {own.map((word) => (
            <li key={word} className="chip chip-selected">
              <span>{word}</span>
              <button
                type="button"
                className="chip-remove"
                onClick={() => remove(word)}
                aria-label={`Remove ${word}`}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="chip-add">
        <label className="visually-hidden" htmlFor={`${id}-input`}>
          Add your own
        </label>
        <input
          id={`${id}-input`}
          className="input"
          value={draft}
          placeholder={full ? `Up to ${max}` : 'Add your own, then press Enter'}
          disabled={full}
          onChange={(event) => {
            setDraft(event.target.value);
            setDraftError(undefined);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={draftError || error ? true : undefined}
          aria-describedby={draftError || error ? `${id}-error` : undefined}
        />
        <Button onClick={addDraft} disabled={full || !draft.trim()}>
          Add
        </Button>
      </div>
      <FieldError id={`${id}-error`} error={draftError ?? error} />
    </fieldset>
  );
}
