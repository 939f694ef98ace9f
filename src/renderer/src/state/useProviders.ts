import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { call } from '../api';

/** One identity provider the build offers: the pool's name for it and its kind. */
export type OfferedProvider = ResponseOf<'federated.providers'>[number];

/**
 * The identity providers this build offers, in button order (main reads them from the config).
 * Empty until main answers, and empty if it cannot: password sign-in works without them.
 */
export function useProviders(): readonly OfferedProvider[] {
  const [providers, setProviders] = useState<readonly OfferedProvider[]>([]);
  useEffect(() => {
    let live = true;
    call('federated.providers', {}).then(
      (list) => {
        if (live) setProviders(list);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return providers;
}
