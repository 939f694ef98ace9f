import { useEffect, useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { providerDisplayName } from '../../../shared/poolDefinition';
import { call } from '../api';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { Spinner } from '../components/Spinner';
import type { Navigate } from '../state/routes';
import { useAction } from '../state/useAction';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';

interface FederatedWaitingProps {
  apply: (state: AuthState) => void;
  navigate: Navigate;
  /** The pool's name for the provider the browser was sent to (`Google`, `Microsoft`). */
  provider: string;
  /** The Hosted UI link opened in the browser, when this window started the sign-in. */
  signInUrl?: string | undefined;
}

/** While the user signs in with a provider in the system browser; with fallbacks if the app is not brought back. */
export function FederatedWaiting({ apply, navigate, provider: name, signInUrl }: FederatedWaitingProps) {
  const provider = providerDisplayName(name);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const cancel = useAction(async () => {
    apply(await call('federated.cancel', {}));
    navigate({ name: 'sign-in' });
  });
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const form = useForm({
    initial: { url: '' },
    validate: (values) => (values.url.trim() ? {} : { url: 'Paste the whole link from the browser.' }),
  });

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), 4000);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyLink = async () => {
    if (!signInUrl) return;
    try {
      await navigator.clipboard.writeText(signInUrl);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  const onPaste = form.submit(async ({ url }) => {
    apply(await call('federated.completeFromUrl', { url: url.trim() }));
  });

  const error = form.banner ?? cancel.error;
  return (
    <AuthCard
      testId="screen-federated"
      title="Continue in your browser"
      headingRef={headingRef}
      subtitle={`We opened ${provider}'s sign-in page in your web browser. When you are done there, Gatehouse continues by itself.`}
    >
      <div className="waiting" aria-live="polite">
        <Spinner large />
        <span>Waiting for {provider}…</span>
      </div>
      <FormError form={form} error={error} />
      <div className="button-row">
        {signInUrl && (
          <Button onClick={copyLink} aria-live="polite">
            {copy === 'copied' ? 'Copied' : 'Copy sign-in link'}
          </Button>
        )}
        <Button variant="ghost" onClick={() => cancel.run()} busy={cancel.busy} busyLabel="Cancelling…">
          Cancel
        </Button>
      </div>
      {copy === 'failed' && signInUrl && (
        <Field
          label="Sign-in link"
          hint="Copying did not work here. Select the link and copy it yourself, then open it in your browser."
          value={signInUrl}
          onValueChange={() => {}}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
      <details className="fallback">
        <summary>The browser did not bring you back?</summary>
        <form className="form" ref={form.formRef} onSubmit={onPaste} noValidate>
          <p className="muted">
            After signing in, your browser shows or tries to open a link starting with{' '}
            <code>gatehouse://</code>. Copy it from the address bar and paste it here.
          </p>
          <Field
            label="Paste the link you were sent back to"
            autoComplete="off"
            spellCheck={false}
            placeholder="gatehouse://auth/callback?…"
            {...form.field('url')}
          />
          <SubmitButton pending={form.pending} busyLabel="Signing in…">
            Continue
          </SubmitButton>
        </form>
      </details>
    </AuthCard>
  );
}
