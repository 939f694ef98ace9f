import { useEffect, useState } from 'react';
import type { ResponseOf, TwoStepStatus } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { call, toChannelError } from '../api';
import { useFleeting } from '../state/useFleeting';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';
import { Banner } from './Banner';
import { Button } from './Button';
import { CodeField } from './CodeField';
import { Field } from './Field';
import { PanelForm, SaveCancelRow } from './FormParts';
import { PasswordField } from './PasswordField';

type Setup = ResponseOf<'twoStep.startSetup'>;

/** The name offered for a new authenticator; it labels the app's entry too. */
const DEFAULT_AUTHENTICATOR_NAME = 'Authenticator app';

/**
 * What the row shows: loading, the status, naming the authenticator, the setup form (with its
 * secret and that name), or the turn-off form.
 */
type View =
  | { name: 'loading' }
  | { name: 'status'; status: TwoStepStatus; done?: 'on' | 'off' }
  | { name: 'naming' }
  | { name: 'setup'; setup: Setup; deviceName: string }
  | { name: 'turn-off' };

/**
 * "Two-step verification" in Sign-in and security: off → Set up (a name for the authenticator, then
 * the QR code labelled with it, the secret to type, the first code); on → Turn off (password and a current code). Federated accounts: managed by their provider. The
 * secret lives only in this component's state and is gone when the setup form closes.
 */
export function TwoStepVerification({
  provider,
  onChange,
  authenticatorName,
}: {
  provider?: string | undefined;
  /** Called after the authenticator was turned on or off (the e-mail codes row reads the methods again). */
  onChange?: () => void;
  /** The name given to the authenticator app at setup (kept by the backend: Cognito never returns it). */
  authenticatorName?: string | undefined;
}) {
  const [view, setView] = useState<View>({ name: 'loading' });
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('twoStep.status', {})
      .then(({ status }) => live && setView({ name: 'status', status }))
      .catch((thrown: unknown) => live && setLoadError(toChannelError(thrown).message));
    return () => {
      live = false;
    };
  }, []);

  if (view.name === 'naming') {
    return (
      <NameForm
        onNamed={(setup, deviceName) => setView({ name: 'setup', setup, deviceName })}
        onCancel={() => setView({ name: 'status', status: 'off' })}
      />
    );
  }
  if (view.name === 'setup') {
    return (
      <SetupForm
        setup={view.setup}
        deviceName={view.deviceName}
        onDone={() => {
          setView({ name: 'status', status: 'on', done: 'on' });
          onChange?.();
        }}
        onCancel={() => setView({ name: 'status', status: 'off' })}
      />
    );
  }
  if (view.name === 'turn-off') {
    return (
      <TurnOffForm
        onDone={() => {
          setView({ name: 'status', status: 'off', done: 'off' });
          onChange?.();
        }}
        onCancel={() => setView({ name: 'status', status: 'on' })}
      />
    );
  }

  const status = view.name === 'status' ? view.status : undefined;
  return (
    <div className="panel-row" data-testid="two-step-row">
      <div>
        <h3>Two-step verification</h3>
        <p className="muted">
          {status === 'provider'
            ? `You sign in with ${provider ?? 'an identity provider'}, so your second step is managed in your ${provider ?? 'provider'} account.`
            : status === 'on'
              ? authenticatorName
                ? `On. Signing in asks for a code from your authenticator app “${authenticatorName}”.`
                : 'On. Signing in asks for a code from your authenticator app.'
              : status === 'off'
                ? 'Off. Add a code from an authenticator app to every sign-in, so a stolen password is not enough.'
                : 'Checking…'}
        </p>
        {view.name === 'status' && view.done === 'on' && (
          <Banner tone="success">Two-step verification is on.</Banner>
        )}
        {view.name === 'status' && view.done === 'off' && (
          <Banner tone="success">Two-step verification is off.</Banner>
        )}
        {loadError && <Banner tone="error">{loadError}</Banner>}
      </div>
      {status === 'off' && <Button onClick={() => setView({ name: 'naming' })}>Set up</Button>}
      {status === 'on' && (
        <Button variant="danger" onClick={() => setView({ name: 'turn-off' })}>
          Turn off
        </Button>
      )}
    </div>
  );
}

/** First the authenticator's name: main puts it in the QR code's label, so it comes before the code. */
function NameForm({
  onNamed,
  onCancel,
}: {
  onNamed: (setup: Setup, deviceName: string) => void;
  onCancel: () => void;
}) {
  const form = useForm({
    initial: { deviceName: DEFAULT_AUTHENTICATOR_NAME },
    validate: (values) => schemaErrors(channels['twoStep.startSetup'].request, values),
  });
  const onSubmit = form.submit(async ({ deviceName }) => {
    const name = deviceName.trim();
    onNamed(await call('twoStep.startSetup', { deviceName: name }), name);
  });
  return (
    <PanelForm title="Set up two-step verification" form={form} onSubmit={onSubmit} testId="two-step-name">
      <Field
        label="Name for this authenticator"
        hint="Shown beside your account in the authenticator app and on this screen, e.g. “Ada’s phone”."
        {...form.field('deviceName')}
      />
      <SaveCancelRow pending={form.pending} busyLabel="Preparing…" onCancel={onCancel}>
        Continue
      </SaveCancelRow>
    </PanelForm>
  );
}

/** Scan or type the secret, then prove it with the first code. */
function SetupForm({
  setup,
  deviceName,
  onDone,
  onCancel,
}: {
  setup: Setup;
  deviceName: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [copied, setCopied] = useFleeting<'yes' | 'failed'>();
  const form = useForm({
    initial: { code: '' },
    validate: (values) => schemaErrors(channels['twoStep.finishSetup'].request, { ...values, deviceName }),
  });
  const onSubmit = form.submit(async ({ code }) => {
    await call('twoStep.finishSetup', { code, deviceName });
    onDone();
  });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(setup.groupedSecret.replace(/ /g, ''));
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <PanelForm title="Set up two-step verification" form={form} onSubmit={onSubmit} testId="two-step-setup">
      <ol className="steps">
        <li>
          Open an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator or
          1Password) and add an account.
        </li>
        <li>
          Scan this QR code with it.
          <img
            className="qr-code"
            src={setup.qrDataUrl}
            alt="QR code for adding Gatehouse to an authenticator app"
          />
        </li>
        <li>
          Can’t scan? Choose “enter a setup key” in the app and type this key (time-based):
          <span className="secret-row">
            <code className="secret-text" data-testid="two-step-secret">
              {setup.groupedSecret}
            </code>
            <Button variant="secondary" onClick={copy}>
              Copy key
            </Button>
          </span>
          {copied === 'yes' && (
            <span className="muted" role="status">
              Key copied.
            </span>
          )}
          {copied === 'failed' && (
            <span className="muted" role="status">
              Could not copy. Select the key and copy it yourself.
            </span>
          )}
        </li>
        <li>
          Enter the 6-digit code the app now shows for Gatehouse, labelled “
          <span data-testid="two-step-label">{deviceName}</span>”.
        </li>
      </ol>
      <CodeField label="6-digit code" {...form.field('code')} />
      <SaveCancelRow pending={form.pending} busyLabel="Turning on…" onCancel={onCancel}>
        Turn on
      </SaveCancelRow>
    </PanelForm>
  );
}

/** Turning it off proves it is you: the password and a current code. */
function TurnOffForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const form = useForm({
    initial: { password: '', code: '' },
    validate: (values) => schemaErrors(channels['twoStep.turnOff'].request, values),
  });
  const onSubmit = form.submit(async (values) => {
    await call('twoStep.turnOff', values);
    onDone();
  });
  return (
    <PanelForm
      title="Turn off two-step verification"
      form={form}
      onSubmit={onSubmit}
      testId="two-step-turn-off"
      intro={
        <p className="muted">
          Signing in will then need only your password. To confirm it is you, enter your password and a code
          from your authenticator app.
        </p>
      }
    >
      <PasswordField label="Password" autoComplete="current-password" {...form.field('password')} />
      <CodeField label="6-digit code from your authenticator app" {...form.field('code')} />
      <SaveCancelRow pending={form.pending} busyLabel="Turning off…" onCancel={onCancel}>
        Turn off
      </SaveCancelRow>
    </PanelForm>
  );
}
