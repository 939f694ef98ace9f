import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { call } from '../api';

/** A quiet footer line with what main reports about itself (name, version, environment, platform). */
export function AppInfo() {
  const [info, setInfo] = useState<ResponseOf<'app.info'> | null>(null);
  useEffect(() => {
    let live = true;
    call('app.info', {})
      .then((answer) => {
        if (live) setInfo(answer);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return (
    <footer className="app-footer">
      {info && (
        <p className="app-info" data-testid="app-info">
          {info.name} {info.version} · {info.environment} · {info.platform}
        </p>
      )}
    </footer>
  );
}
