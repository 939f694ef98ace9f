import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../shared/ipc/contract';
import { ApiError, call } from './api';

type AppInfo = ResponseOf<'app.info'>;

/** The app shell: for now it proves the bridge by showing what main reports about itself. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('app.info', {})
      .then(setInfo)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : 'Gatehouse could not start.'));
  }, []);

  return (
    <main className="shell">
      <h1>Gatehouse</h1>
      {error && <p role="alert">{error}</p>}
      {info && (
        <p className="app-info" data-testid="app-info">
          {info.name} {info.version} · {info.environment} · {info.platform}
        </p>
      )}
    </main>
  );
}
