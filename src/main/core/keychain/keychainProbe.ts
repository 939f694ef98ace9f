import { randomBytes } from 'node:crypto';
import type { KeychainBackend } from '../ports';

/**
 * Why a keychain read that found nothing cannot be trusted on its own: on Linux, keytar's
 * `getPassword` goes through libsecret's `secret_password_lookup_sync`, which on a locked collection
 * asks gnome-keyring to prompt for the password; with no prompter (no display, or the user dismissed
 * it) the lookup returns NULL with no error, and keytar turns that into `null` — exactly what "no
 * entry" looks like. A locked collection does refuse writes ("Cannot create an item in a locked
 * collection") and a missing one refuses too ("Object does not exist at path …/collection/login"),
 * so writing a throw-away item and reading it back tells "really empty" from "locked" without
 * touching any real entry. When D-Bus or the Secret Service is missing, every keytar call throws
 * ("Could not connect…", "Cannot autolaunch D-Bus…"): that is "unavailable".
 * (Measured with gnome-keyring 46 under dbus-run-session; see tests/integration/main/core/keychain*.test.ts.)
 */
export type KeychainHealth = 'ok' | 'locked' | 'unavailable';

/** Account name of the throw-away probe item: contains spaces, so no Cognito username can collide with it. */
export const PROBE_ACCOUNT = '(gatehouse keychain probe)';

/** Settles a keytar call, catching synchronous throws too (a broken native module may throw before returning a promise). */
export function attempt<T>(
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return Promise.resolve()
    .then(call)
    .then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
}

/** Writes, reads back and removes a throw-away item to learn whether the keychain really works. */
export async function probeKeychain(backend: KeychainBackend, service: string): Promise<KeychainHealth> {
  const nonce = randomBytes(8).toString('hex');
  const written = await attempt(() => backend.setPassword(service, PROBE_ACCOUNT, nonce));
  if (!written.ok) {
    // A write can fail because the bus is gone or because the collection is locked; a plain read tells which.
    const reachable = await attempt(() => backend.getPassword(service, PROBE_ACCOUNT));
    return reachable.ok ? 'locked' : 'unavailable';
  }
  const read = await attempt(() => backend.getPassword(service, PROBE_ACCOUNT));
  await attempt(() => backend.deletePassword(service, PROBE_ACCOUNT));
  if (!read.ok) return 'unavailable';
  return read.value === nonce ? 'ok' : 'locked';
}

/** Learns, after a failed call, whether the Secret Service answers at all (locked) or not (unavailable). */
export async function diagnoseFailure(
  backend: KeychainBackend,
  service: string,
): Promise<Exclude<KeychainHealth, 'ok'>> {
  const reachable = await attempt(() => backend.getPassword(service, PROBE_ACCOUNT));
  return reachable.ok ? 'locked' : 'unavailable';
}
