import { useEffect, useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { isPasskeySignIn } from '../../../shared/passkeySignIn';
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
  /** The pool's name for the provider the browser was sent to (`Google`, `Microsoft`), or `PASSKEY_SIGN_IN`. */
  provider: string;
  /** The Hosted UI link opened in the browser, when this window started the sign-in. */
  signInUrl?: string | undefined;
  /** The sign-in was started again to finish linking the provider to the user's account (Cognito's first-link step). */
  linking?: boolean;
}

/**
 * The screen's words: waiting for the provider, for the passkey (managed login's own page), or
 * finishing a link to the account with the same e-mail.
 */
function wordsFor(name: string, linking: boolean) {
  if (isPasskeySignIn(name)) {
    return {
      title: 'Continue in your browser',
      subtitle:
        'We opened the sign-in page in your web browser. Choose “Sign in with a passkey” there and use your fingerprint, face, screen lock or security key. Gatehouse continues by itself.',
      waiting: 'Waiting for your passkey…',
    };
  }
  const provider = providerDisplayName(name);
  if (linking) {
    return {
      title: `One more step with ${provider}`,
      subtitle: `Your ${provider} account has the same e-mail address as your Gatehouse account, so both now sign in to one account. We opened ${provider}'s sign-in page once more to finish.`,
      waiting: `Linking your ${provider} sign-in to your account…`,
    };
  }
  return {
    title: 'Continue in your browser',
    subtitle: `We opened ${provider}'s sign-in page in your web browser. When you are done there, Gatehouse continues by itself.`,
    waiting: `Waiting for ${provider}…`,
  };
}

/** While the user signs in with a provider in the system browser; with fallbacks if the app is not brought back. */
export function FederatedWaiting({
  apply,
  navigate,
  provider,
  signInUrl,
  linking = false,
}: FederatedWaitingProps) {
  const words = wordsFor(provider, linking);
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
    <AuthCard testId="screen-federated" title={words.title} headingRef={headingRef} subtitle={words.subtitle}>
      <div className="waiting" aria-live="polite">
        <Spinner large />
        <span>{words.waiting}</span>
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
