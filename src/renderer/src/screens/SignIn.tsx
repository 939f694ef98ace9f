import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { ChannelError, call } from '../api';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { FooterLink } from '../components/FooterLink';
import { FormError, SubmitButton } from '../components/FormParts';
import { GoogleIcon } from '../components/Icons';
import { AuthCard, Divider } from '../components/Layout';
import { PasswordField } from '../components/PasswordField';
import { UsernameField } from '../components/UsernameField';
import type { Navigate } from '../state/routes';
import { useAction } from '../state/useAction';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { CODE_BUTTON_LABELS, type CodeMedium, useCodeMedia } from '../state/useSignInMethods';
import { schemaErrors } from '../state/validation';

interface SignInProps {
  apply: (state: AuthState) => void;
  navigate: Navigate;
  /** Prefilled username or email (e.g. after a password reset). */
  login?: string | undefined;
  /** News from this app's own flows, e.g. "Your password is reset". */
  notice?: string | undefined;
  /** Why main signed the user out (session ended, Google cancelled…). */
  stateNotice?: { code: string; message: string } | undefined;
  onDismissStateNotice: () => void;
}

/** Sign in with username or email and password, or with Google. */
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
  const passwordRef = useFocusOnMount<HTMLInputElement>();
  const { values } = form;

  const google = useAction(async () => {
    form.clearBanner();
    const { signInUrl } = await call('google.start', {});
    navigate({ name: 'google', signInUrl });
  });

  const codeMedia = useCodeMedia();
  const byCode = useAction(async (medium: CodeMedium) => {
    form.clearBanner();
    google.clearError();
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
    google.clearError();
    byCode.clearError();
    if (stateNotice) onDismissStateNotice();
    apply(await call('auth.signIn', { login, password }));
  });

  const error = form.banner;
  return (
    <AuthCard
      testId="screen-sign-in"
      title="Sign in to Gatehouse"
      subtitle="Welcome back. Use your username or email address."
      footer={
        <FooterLink prompt="New to Gatehouse?" onClick={() => navigate({ name: 'sign-up' })}>
          Create account
        </FooterLink>
      }
    >
      {stateNotice && (
        <Banner
          tone={stateNotice.code === 'cancelled' ? 'info' : 'warning'}
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
                navigate({
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
            <Button variant="secondary" onClick={() => navigate({ name: 'forgot', login: values.login })}>
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
      {google.error && (
        <Banner tone="error" testId="google-error">
          {google.error.message}
        </Banner>
      )}
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <UsernameField
          label="Username or email"
          {...form.field('login')}
          inputRef={login ? undefined : loginRef}
        />
        <div className="field-with-link">
          {/* Before the field in the DOM, so Tab reaches it where it is drawn: above the input. */}
          <Button
            variant="link"
            className="field-link"
            onClick={() => navigate({ name: 'forgot', login: values.login })}
          >
            Forgot password?
          </Button>
          <PasswordField
            label="Password"
            autoComplete="current-password"
            {...form.field('password')}
            inputRef={login ? passwordRef : undefined}
          />
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
      <Divider label="or" />
      <Button
        block
        icon={<GoogleIcon />}
        onClick={() => google.run()}
        busy={google.busy}
        busyLabel="Opening your browser…"
        disabled={form.pending}
      >
        Continue with Google
      </Button>
    </AuthCard>
  );
}
