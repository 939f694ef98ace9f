import { useEffect, useState } from 'react';
import type { SecondFactor, TwoStepMethods } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { call, toChannelError } from '../api';
import { useAction } from '../state/useAction';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';
import { Banner } from './Banner';
import { Button } from './Button';
import { CodeField } from './CodeField';
import { PanelForm, SaveCancelRow } from './FormParts';
import { PasswordField } from './PasswordField';

/** Each second step as the screen names it. */
const LABEL: Record<SecondFactor, string> = { totp: 'authenticator app', email: 'codes by email' };

/** What the row says once a method was turned off. */
const TURNED_OFF: Record<SecondFactor, string> = {
  totp: 'The authenticator app is off.',
  email: 'Codes by email are off.',
};

/** The turn-off form's title per method. */
const TURN_OFF_TITLE: Record<SecondFactor, string> = {
  totp: 'Turn off the authenticator app',
  email: 'Turn off codes by email',
};

/** What the row shows: loading, the methods, or the turn-off form for one method. */
type View =
  | { name: 'loading' }
  | { name: 'methods'; methods: TwoStepMethods; done?: string }
  | { name: 'turn-off'; method: SecondFactor; methods: TwoStepMethods };

/** Which second steps are on and which Cognito asks first, in one sentence. */
export function methodsSummary({ on, preferred }: TwoStepMethods): string {
  if (on.length === 0) return 'No second step is on: your password alone signs you in.';
  const list = on.map((method) => LABEL[method]).join(' and ');
  if (on.length === 1) return `On: ${list}.`;
  if (preferred !== undefined) return `On: ${list}. Preferred at sign-in: ${LABEL[preferred]}.`;
  return `On: ${list}. None is preferred: sign-in asks for the authenticator code and lets you choose a code by email instead.`;
}

/**
 * "Codes by email" in Sign-in and security, beside the authenticator app's row: turn e-mailed codes
 * on as a second step (the way back in when the authenticator is lost), turn either method off with
 * the password and an e-mailed code. `version` changes when the other row changed the methods.
 */
export function EmailSecondStep({ version, onChange }: { version: number; onChange: () => void }) {
  const [view, setView] = useState<View>({ name: 'loading' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const turnOn = useAction(async () => {
    setView({
      name: 'methods',
      methods: await call('twoStep.turnOnEmail', {}),
      done: 'Codes by email are on.',
    });
    onChange();
  });

  useEffect(() => {
    let live = true;
    void version;
    call('twoStep.methods', {})
      .then((methods) => live && setView({ name: 'methods', methods }))
      .catch((thrown: unknown) => live && setLoadError(toChannelError(thrown).message));
    return () => {
      live = false;
    };
  }, [version]);

  if (view.name === 'turn-off') {
    const back = view.methods;
    return (
      <TurnOffByEmail
        method={view.method}
        onDone={(methods) => {
          setView({ name: 'methods', methods, done: TURNED_OFF[view.method] });
          onChange();
        }}
        onCancel={() => setView({ name: 'methods', methods: back })}
      />
    );
  }

  const methods = view.name === 'methods' ? view.methods : undefined;
  const emailOn = methods?.on.includes('email') === true;
  return (
    <div className="panel-row" data-testid="email-codes-row">
      <div>
        <h3>Codes by email</h3>
        <p className="muted">
          {methods === undefined
            ? 'Checking…'
            : emailOn
              ? 'On. Sign-in can use a code we email you, also when your authenticator is lost.'
              : methods.emailAvailable
                ? 'Off. Turn on to get a code by email at sign-in: your way back in if you lose your authenticator.'
                : 'Not available: confirm your email address first (or this sign-in service does not offer it).'}
        </p>
        {methods !== undefined && (
          <p className="muted" data-testid="second-step-summary">
            {methodsSummary(methods)}
          </p>
        )}
        {methods !== undefined && emailOn && methods.on.includes('totp') && (
          <Button variant="link" onClick={() => setView({ name: 'turn-off', method: 'totp', methods })}>
            Lost your authenticator? Turn it off with a code by email
          </Button>
        )}
        {view.name === 'methods' && view.done && <Banner tone="success">{view.done}</Banner>}
        {(loadError ?? turnOn.error) && <Banner tone="error">{loadError ?? turnOn.error?.message}</Banner>}
      </div>
      {methods !== undefined && !emailOn && methods.emailAvailable && (
        <Button onClick={() => turnOn.run()} busy={turnOn.busy} busyLabel="Turning on…">
          Turn on
        </Button>
      )}
      {methods !== undefined && emailOn && (
        <Button variant="danger" onClick={() => setView({ name: 'turn-off', method: 'email', methods })}>
          Turn off
        </Button>
      )}
    </div>
  );
}

interface TurnOffProps {
  method: SecondFactor;
  onDone: (methods: TwoStepMethods) => void;
  onCancel: () => void;
}

/** Turning a method off proves it is you: the password, then the code it makes us email. */
function TurnOffByEmail({ method, onDone, onCancel }: TurnOffProps) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const passwordForm = useForm({
    initial: { password: '' },
    validate: (values) =>
      schemaErrors(channels['twoStep.turnOffMethod'].request, { ...values, method, proof: 'email' }),
  });
  const codeForm = useForm({
    initial: { code: '' },
    validate: (values) => schemaErrors(channels['twoStep.finishTurnOff'].request, values),
  });
  const sendCode = passwordForm.submit(async ({ password }) => {
    const answer = await call('twoStep.turnOffMethod', { method, proof: 'email', password });
    if (answer.status === 'code-sent') setSentTo(answer.delivery.destination);
    else onDone(answer.methods);
  });
  const finish = codeForm.submit(async ({ code }) => {
    try {
      onDone(await call('twoStep.finishTurnOff', { code }));
    } catch (error) {
      codeForm.set('code', '');
      throw error;
    }
  });
  const title = TURN_OFF_TITLE[method];

  if (sentTo === null) {
    return (
      <PanelForm
        title={title}
        form={passwordForm}
        onSubmit={sendCode}
        testId="second-step-turn-off"
        intro={
          <p className="muted">
            To confirm it is you, enter your password. We then email you a code to enter.
          </p>
        }
      >
        <PasswordField label="Password" autoComplete="current-password" {...passwordForm.field('password')} />
        <SaveCancelRow pending={passwordForm.pending} busyLabel="Sending…" onCancel={onCancel}>
          Email me a code
        </SaveCancelRow>
      </PanelForm>
    );
  }
  return (
    <PanelForm
      title={title}
      form={codeForm}
      onSubmit={finish}
      testId="second-step-turn-off"
      intro={
        <p className="muted">
          We sent a 6-digit code to <strong data-testid="turn-off-destination">{sentTo}</strong>.
        </p>
      }
    >
      <CodeField label="6-digit code from the email" {...codeForm.field('code')} />
      <SaveCancelRow pending={codeForm.pending} busyLabel="Turning off…" onCancel={onCancel}>
        Turn off
      </SaveCancelRow>
    </PanelForm>
  );
}
