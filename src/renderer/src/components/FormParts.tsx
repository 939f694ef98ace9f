import { type ComponentProps, type ReactNode, type RefObject, useEffect, useRef } from 'react';
import type { ChannelError } from '../api';
import { Banner } from './Banner';
import { Button } from './Button';

interface FormErrorProps {
  /** The form whose banner error is shown; its `bannerRef` gets the focus `useForm` moves there. */
  form: { banner: ChannelError | null; bannerRef: RefObject<HTMLDivElement | null> };
  /** Shown instead of `form.banner`, e.g. `form.banner ?? resendError`. */
  error?: ChannelError | null;
  actions?: ReactNode;
}

/** The error banner of a form (test id `form-error`): what failed that concerns no single field. */
export function FormError({ form, error = form.banner, actions }: FormErrorProps) {
  if (!error) return null;
  return (
    <Banner tone="error" ref={form.bannerRef} testId="form-error" actions={actions}>
      {error.message}
    </Banner>
  );
}

interface SubmitButtonProps {
  pending: boolean;
  busyLabel: string;
  /** Full width, as on the sign-in cards. */
  block?: boolean;
  children: ReactNode;
}

/** A form's primary submit button, busy with `busyLabel` while the form is pending. */
export function SubmitButton({ pending, busyLabel, block = false, children }: SubmitButtonProps) {
  return (
    <Button type="submit" variant="primary" block={block} busy={pending} busyLabel={busyLabel}>
      {children}
    </Button>
  );
}

interface SaveCancelProps {
  pending: boolean;
  busyLabel: string;
  onCancel: () => void;
  children: ReactNode;
}

/** Submit and Cancel side by side, for a form opened in place on a panel; Cancel waits while pending. */
export function SaveCancelRow({ pending, busyLabel, onCancel, children }: SaveCancelProps) {
  return (
    <div className="button-row">
      <SubmitButton pending={pending} busyLabel={busyLabel}>
        {children}
      </SubmitButton>
      <Button variant="ghost" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
    </div>
  );
}

interface PanelFormProps {
  /** The heading, which also names the form for assistive technology. */
  title: string;
  form: FormErrorProps['form'] & { formRef: RefObject<HTMLFormElement | null> };
  onSubmit: NonNullable<ComponentProps<'form'>['onSubmit']>;
  testId?: string;
  /** Shown between the heading and the error banner. */
  intro?: ReactNode;
  children: ReactNode;
}

/**
 * A form opened in place on a panel: its heading, its error banner, then its fields and buttons. Opening
 * it moves the focus to its heading (read first, then Tab reaches the fields) and scrolls it into view.
 */
export function PanelForm({ title, form, onSubmit, testId, intro, children }: PanelFormProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  return (
    <form
      className="form panel-form"
      ref={form.formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label={title}
      data-testid={testId}
    >
      <h3 ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      {intro}
      <FormError form={form} />
      {children}
    </form>
  );
}
