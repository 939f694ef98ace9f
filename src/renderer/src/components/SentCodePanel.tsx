import type { ComponentProps, ReactNode } from 'react';
import type { Action } from '../state/useAction';
import type { Form } from '../state/useForm';
import { Button } from './Button';
import { CodeField } from './CodeField';
import { PanelForm, SaveCancelRow } from './FormParts';

interface SentCodePanelProps {
  title: string;
  form: Form<{ code: string }>;
  onSubmit: ComponentProps<typeof PanelForm>['onSubmit'];
  /** Where the code went. */
  destination: string;
  /** What entering the code does, e.g. `verify +1 555 0100`. */
  purpose: string;
  codeLabel: string;
  /** Sends a new code ("Send a new code"). */
  resend: Action<[]>;
  onCancel: () => void;
  /** Banners shown above the code field, e.g. how the last resend went. */
  notices?: ReactNode;
  /** The submit button's words. */
  submitLabel: string;
}

/**
 * A panel form for a code just mailed or texted: where it went, the code field, submit and Cancel,
 * and "Send a new code" (waits while the code is being checked).
 */
export function SentCodePanel({
  title,
  form,
  onSubmit,
  destination,
  purpose,
  codeLabel,
  resend,
  onCancel,
  notices,
  submitLabel,
}: SentCodePanelProps) {
  return (
    <PanelForm
      title={title}
      form={form}
      onSubmit={onSubmit}
      intro={
        <p className="muted">
          We sent a 6-digit code to <strong>{destination}</strong>. Enter it to {purpose}.
        </p>
      }
    >
      {notices}
      <CodeField label={codeLabel} {...form.field('code')} />
      <SaveCancelRow pending={form.pending} busyLabel="Checking…" onCancel={onCancel}>
        {submitLabel}
      </SaveCancelRow>
      <Button
        variant="ghost"
        onClick={() => resend.run()}
        busy={resend.busy}
        busyLabel="Sending…"
        disabled={form.pending}
      >
        Send a new code
      </Button>
    </PanelForm>
  );
}
