import { useCallback, useEffect, useRef, useState } from 'react';
import type { Passkey, TwoStepStatus } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { call, on, toChannelError } from '../api';
import { useAction } from '../state/useAction';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';
import { Banner } from './Banner';
import { Button } from './Button';
import { CodeField } from './CodeField';
import { PanelForm, SaveCancelRow } from './FormParts';
import { PasswordField } from './PasswordField';

/** What the section shows besides the list: nothing, a browser round trip under way, or news. */
type Note = 'adding' | 'added' | 'not-added' | 'removed' | undefined;

const NOTES: Record<Exclude<Note, undefined>, { tone: 'info' | 'success'; text: string }> = {
  adding: {
    tone: 'info',
    text: 'We opened your web browser to add a passkey. Sign in there if it asks, then create the passkey; this list updates when you are back.',
  },
  added: { tone: 'success', text: 'Passkey added. You can now use “Sign in with a passkey”.' },
  'not-added': { tone: 'info', text: 'No passkey was added.' },
  removed: { tone: 'success', text: 'Passkey removed. It no longer signs in to this account.' },
};

/** "Added 7 Dec 2026". */
const added = (passkey: Passkey) =>
  `Added ${new Date(passkey.createdAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}`;

/**
 * "Passkeys" in Sign-in and security (password accounts): the account's passkeys as Cognito lists
 * them (name and when added; Cognito keeps no "last used"), "Add a passkey" through managed login in
 * the system browser, and "Remove" after the password (and a current code when two-step is on).
 */
export function Passkeys() {
  const [passkeys, setPasskeys] = useState<Passkey[] | undefined>();
  const [note, setNote] = useState<Note>();
  const [removing, setRemoving] = useState<Passkey | undefined>();
  const [twoStep, setTwoStep] = useState<TwoStepStatus>('off');
  const [loadError, setLoadError] = useState<string | null>(null);
  // How many there were at the last read: back from the browser, more means a passkey was added.
  const count = useRef(0);

  const load = useCallback(async () => {
    try {
      const { passkeys: list } = await call('passkeys.list', {});
      const grew = list.length > count.current;
      count.current = list.length;
      setLoadError(null);
      setPasskeys(list);
      setNote((current) => (current === 'adding' ? (grew ? 'added' : 'not-added') : current));
    } catch (thrown) {
      setLoadError(toChannelError(thrown).message);
    }
  }, []);

  useEffect(() => {
    void load();
    call('twoStep.status', {})
      .then(({ status }) => setTwoStep(status))
      .catch(() => {}); // the remove form then asks for the password only; Cognito still asks for the code
    return on('passkeys.returned', () => void load());
  }, [load]);

  const add = useAction(async () => {
    await call('passkeys.startAdd', {});
    setNote('adding');
  });

  if (removing !== undefined) {
    return (
      <RemoveForm
        passkey={removing}
        askCode={twoStep === 'on'}
        onDone={(list) => {
          count.current = list.length;
          setPasskeys(list);
          setRemoving(undefined);
          setNote('removed');
        }}
        onCancel={() => setRemoving(undefined)}
      />
    );
  }

  const shown = note === undefined ? undefined : NOTES[note];
  return (
    <div className="panel-row panel-row-stacked" data-testid="passkeys-row">
      <div>
        <h3>Passkeys</h3>
        <p className="muted">
          Sign in with your fingerprint, face, screen lock or security key instead of your password.
          {twoStep === 'on' &&
            ' With two-step verification on, signing in with a passkey still asks for your code.'}
        </p>
        {passkeys === undefined && loadError === null && <p className="muted">Checking…</p>}
        {passkeys?.length === 0 && <p data-testid="passkeys-empty">No passkeys yet.</p>}
        {passkeys !== undefined && passkeys.length > 0 && (
          <ul className="passkey-list" data-testid="passkey-list">
            {passkeys.map((passkey) => (
              <li key={passkey.id} className="passkey-item">
                <span>
                  <strong>{passkey.name}</strong> <span className="muted">{added(passkey)}</span>
                </span>
                <Button
                  variant="danger"
                  onClick={() => setRemoving(passkey)}
                  aria-label={`Remove ${passkey.name}, ${added(passkey).toLowerCase()}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        {shown && (
          <Banner tone={shown.tone} testId="passkeys-note">
            {shown.text}
          </Banner>
        )}
        {(loadError ?? add.error) && <Banner tone="error">{loadError ?? add.error?.message}</Banner>}
      </div>
      <div className="button-row">
        <Button onClick={() => add.run()} busy={add.busy} busyLabel="Opening your browser…">
          Add a passkey
        </Button>
        {note === 'adding' && (
          <Button variant="ghost" onClick={() => void load()}>
            I’m back
          </Button>
        )}
      </div>
    </div>
  );
}

/** Removing one proves it is you: the password, and a current code when two-step verification is on. */
function RemoveForm({
  passkey,
  askCode,
  onDone,
  onCancel,
}: {
  passkey: Passkey;
  askCode: boolean;
  onDone: (list: Passkey[]) => void;
  onCancel: () => void;
}) {
  const form = useForm({
    initial: { password: '', code: '' },
    validate: ({ password, code }) =>
      schemaErrors(channels['passkeys.remove'].request, {
        id: passkey.id,
        password,
        ...(askCode ? { code } : {}),
      }),
  });
  const onSubmit = form.submit(async ({ password, code }) => {
    const { passkeys } = await call('passkeys.remove', {
      id: passkey.id,
      password,
      ...(askCode ? { code } : {}),
    });
    onDone(passkeys);
  });
  return (
    <PanelForm
      title={`Remove the passkey “${passkey.name}”`}
      form={form}
      onSubmit={onSubmit}
      testId="passkey-remove"
      intro={
        <p className="muted">
          It will no longer sign in to this account. To confirm it is you, enter your password
          {askCode ? ' and a code from your authenticator app' : ''}.
        </p>
      }
    >
      <PasswordField label="Password" autoComplete="current-password" {...form.field('password')} />
      {askCode && <CodeField label="6-digit code from your authenticator app" {...form.field('code')} />}
      <SaveCancelRow pending={form.pending} busyLabel="Removing…" onCancel={onCancel}>
        Remove passkey
      </SaveCancelRow>
    </PanelForm>
  );
}
