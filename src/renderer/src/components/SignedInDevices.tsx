import { useEffect, useState } from 'react';
import type { DeviceRow } from '../../../shared/ipc/contract';
import { call, toChannelError } from '../api';
import { useAction } from '../state/useAction';
import { Banner } from './Banner';
import { Button } from './Button';

/** "Last used 7 Dec 2026, 19:20", in the user's own locale. */
function lastUsed(row: DeviceRow): string {
  if (row.lastUsedAt === undefined) return 'Never used to sign in';
  const when = new Date(row.lastUsedAt).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return `Last used ${when}`;
}

/**
 * "Signed-in devices" in Sign-in and security: the computers Cognito tracks for this account (named
 * by OS and app), this one marked, each with "Forget" behind a confirmation. Forgetting this
 * computer brings the authenticator code back at its next sign-in.
 */
export function SignedInDevices() {
  const [devices, setDevices] = useState<DeviceRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [forgotten, setForgotten] = useState<string | null>(null);
  const forget = useAction(async (row: DeviceRow) => {
    const answer = await call('devices.forget', { id: row.id });
    setDevices(answer.devices);
    setConfirming(null);
    setForgotten(
      row.thisDevice
        ? 'This computer is forgotten. Your next sign-in here asks for the code from your authenticator app.'
        : `${row.name} is forgotten. Its next sign-in asks for the code from your authenticator app.`,
    );
  });

  useEffect(() => {
    let live = true;
    call('devices.list', {})
      .then((answer) => live && setDevices(answer.devices))
      .catch((thrown: unknown) => live && setLoadError(toChannelError(thrown).message));
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="panel-row panel-row-stacked" data-testid="devices-row">
      <div>
        <h3>Signed-in devices</h3>
        <p className="muted">
          Computers where you signed in to Gatehouse. A remembered one skips the code from your authenticator
          app; forget any you no longer use or trust.
        </p>
      </div>
      {loadError && <Banner tone="error">{loadError}</Banner>}
      {forget.error && (
        <Banner tone="error" testId="device-forget-error">
          {forget.error.message}
        </Banner>
      )}
      {forgotten && <Banner tone="success">{forgotten}</Banner>}
      {devices === null && loadError === null && <p className="muted">Loading your devices…</p>}
      {devices?.length === 0 && <p className="muted">No devices are recorded for your account yet.</p>}
      {devices !== null && devices.length > 0 && (
        <ul className="device-list" data-testid="device-list">
          {devices.map((row) => (
            <li key={row.id} className="device-item" data-testid="device">
              <div>
                <p className="device-name">
                  {row.name}
                  {row.thisDevice && <span className="chip device-chip">This device</span>}
                </p>
                <p className="muted">
                  {row.remembered ? 'Remembered · ' : ''}
                  {lastUsed(row)}
                </p>
              </div>
              {confirming === row.id ? (
                <div className="button-row">
                  <Button
                    variant="danger-solid"
                    onClick={() => forget.run(row)}
                    busy={forget.busy}
                    busyLabel="Forgetting…"
                  >
                    Yes, forget it
                  </Button>
                  <Button variant="ghost" onClick={() => setConfirming(null)} disabled={forget.busy}>
                    Keep it
                  </Button>
                </div>
              ) : (
                <Button
                  variant="ghost"
                  onClick={() => {
                    setForgotten(null);
                    setConfirming(row.id);
                  }}
                  disabled={forget.busy}
                  aria-label={`Forget ${row.name}${row.thisDevice ? ' (this device)' : ''}`}
                >
                  Forget
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
