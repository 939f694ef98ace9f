import { createRequire } from 'node:module';
import type { KeychainBackend } from '../core/ports';

/**
 * keytar, loaded lazily: when its native module cannot load (no libsecret), every call fails and
 * the core's vault reports "keychain unavailable" instead of the app failing to start.
 */
export function keytarBackend(): KeychainBackend {
  let loaded: KeychainBackend | undefined;
  const keytar = (): KeychainBackend => {
    loaded ??= createRequire(import.meta.url)('keytar') as KeychainBackend;
    return loaded;
  };
  return {
    getPassword: (service, account) => keytar().getPassword(service, account),
    setPassword: (service, account, password) => keytar().setPassword(service, account, password),
    deletePassword: (service, account) => keytar().deletePassword(service, account),
  };
}
