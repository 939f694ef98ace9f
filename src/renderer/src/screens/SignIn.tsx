import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { PASSKEY_SIGN_IN } from '../../../shared/passkeySignIn';
import { ChannelError, call } from '../api';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { FooterLink } from '../components/FooterLink';
import { FormError, SubmitButton } from '../components/FormParts';
import { PasskeyIcon } from '../components/Icons';
import { AuthCard, Divider } from '../components/Layout';
import { PasswordField } from '../components/PasswordField';
import { ProviderButtons } from '../components/ProviderButtons';
import { UsernameField } from '../components/UsernameField';
import type { Navigate } from '../state/routes';
import { useAction } from '../state/useAction';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { useProviders } from '../state/useProviders';
import {
  CODE_BUTTON_LABELS,
  type CodeMedium,
  useCodeMedia,
  usePasskeyOffered,
} from '../state/useSignInMethods';
import { schemaErrors } from '../state/validation';

interface SignInProps {
  apply: (state: AuthState) => void;
  navigate: Navigate;
  /** Prefilled username or email (e.g. after a password reset). */
  login?: string | undefined;
  /** News from this app's own flows, e.g. "Your password is reset". */
  notice?: string | undefined;
  /** Why main signed the user out (session ended, Microsoft sign-in cancelled…). */
  stateNotice?: { code: string; message: string } | undefined;
  onDismissStateNotice: () => void;
}

/** Sign in with username or email and password, or with one of the configured identity providers. */
export function SignIn({
  apply,
  navigate,
  login = '',
  notice,
  stateNotice,
  onDismissStateNotice,
}: SignInProps) {
  const form = useForm({
    initial: { login, password: '' },
    validate: (values) => schemaErrors(channels['auth.signIn'].request, values),
  });
  const loginRef = useFocusOnMount<HTMLInputElement>();
  // Main's notice ("Your session ended…") is about this screen: leaving it for another one dismisses it.
  const go: Navigate = (route) => {
    if (stateNotice) onDismissStateNotice();
    navigate(route);
  };
  const passwordRef = useFocusOnMount<HTMLInputElement>();
  const { values } = form;

  const providers = useProviders();
  const federated = useAction(async (provider: string) => {
    form.clearBanner();
    const { signInUrl } = await call('federated.start', { provider });
    go({ name: 'federated', provider, signInUrl });
  });

  // "Sign in with a passkey": managed login in the system browser, then the same waiting screen.
  const passkeyOffered = usePasskeyOffered();
  const passkey = useAction(async () => {
    form.clearBanner();
    federated.clearError();
    const { signInUrl } = await call('passkeys.startSignIn', {});
    go({ name: 'federated', provider: PASSKEY_SIGN_IN, signInUrl });
  });

  const codeMedia = useCodeMedia();
  const byCode = useAction(async (medium: CodeMedium) => {
    form.clearBanner();
    federated.clearError();
    const who = values.login.trim();
    if (who === '') {
      loginRef.current?.focus();
      throw new ChannelError({
        code: 'invalid_request',
        message: 'Enter your username or email first, then ask for a code.',
        field: 'login',
      });
    }
    if (stateNotice) onDismissStateNotice();
    apply(await call('auth.signInWithCode', { login: who, medium }));
  });

  const onSubmit = form.submit(async ({ login, password }) => {
    federated.clearError();
    byCode.clearError();
    if (stateNotice) onDismissStateNotice();
    apply(await call('auth.signIn', { login, password }));
  });

  const error = form.banner;
  return (
    <AuthCard
      testId="screen-sign-in"
      title="Sign in to Gatehouse"
      subtitle="Welcome back. Use your username, email address or verified phone number."
      footer={
        <FooterLink prompt="New to Gatehouse?" onClick={() => go({ name: 'sign-up' })}>
          Create account
        </FooterLink>
      }
    >
      {stateNotice && (
        <Banner
          tone={
            stateNotice.code === 'account_deleted'
              ? 'success'
              : stateNotice.code === 'cancelled' || stateNotice.code === 'no_pending_sign_in'
                ? 'info'
                : 'warning'
          }
          onDismiss={onDismissStateNotice}
          testId="state-notice"
        >
          {stateNotice.message}
        </Banner>
      )}
      {notice && <Banner tone="success">{notice}</Banner>}
      <FormError
        form={form}
        actions={
          error?.code === 'not_confirmed' ? (
            <Button
              variant="secondary"
              onClick={() =>
                go({
                  name: 'confirm',
                  username: values.login,
                  password: values.password,
                  justSent: false,
                })
              }
            >
              Enter confirmation code
            </Button>
          ) : error?.code === 'password_reset_required' ? (
            <Button variant="secondary" onClick={() => go({ name: 'forgot', login: values.login })}>
              Reset password
            </Button>
          ) : undefined
        }
      />
      {byCode.error && (
        <Banner tone="error" testId="code-error">
          {byCode.error.message}
        </Banner>
      )}
      {(federated.error ?? passkey.error) && (
        <Banner tone="error" testId="federated-error">
          {(federated.error ?? passkey.error)?.message}
        </Banner>
      )}
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <UsernameField
          label="Username or email"
          {...form.field('login')}
          inputRef={login ? undefined : loginRef}
        />
        <div className="field-with-link">
          <PasswordField
            label="Password"
            autoComplete="current-password"
            {...form.field('password')}
            inputRef={login ? passwordRef : undefined}
          />
          {/* After the input, in the DOM and on screen: Tab goes from the login straight to the password, so
              typing it and pressing Enter signs in instead of opening "Reset your password". */}
          <Button
            variant="link"
            className="field-link"
            onClick={() => go({ name: 'forgot', login: values.login })}
          >
            Forgot password?
          </Button>
        </div>
        <SubmitButton pending={form.pending} busyLabel="Signing in…" block>
          Sign in
        </SubmitButton>
      </form>
      {codeMedia.length > 0 && (
        <div className="code-sign-in">
          <span className="muted">No password at hand?</span>
          {codeMedia.map((medium) => (
            <Button
              key={medium}
              variant="link"
              onClick={() => byCode.run(medium)}
              busy={byCode.running?.[0] === medium}
              busyLabel="Sending a code…"
              disabled={form.pending || byCode.busy}
            >
              {CODE_BUTTON_LABELS[medium]}
            </Button>
          ))}
        </div>
      )}
      {(providers.length > 0 || passkeyOffered) && <Divider label="or" />}
      {passkeyOffered && (
        <div className="provider-buttons">
          <Button
            block
            className="provider-button provider-passkey"
            icon={<PasskeyIcon />}
            onClick={() => passkey.run()}
            busy={passkey.busy}
            busyLabel="Opening your browser…"
            disabled={form.pending || federated.busy}
          >
            Sign in with a passkey
          </Button>
        </div>
      )}
      <ProviderButtons
        providers={providers}
        busy={federated.running?.[0]}
        disabled={form.pending || passkey.busy}
        onChoose={(provider) => federated.run(provider)}
      />
    </AuthCard>
  );
}
