/**
 * Errors that say a keytar call went out through a connection to a Secret Service that has since
 * gone, never anything about the keychain itself: libsecret addressed the old daemon's unique bus
 * name (D-Bus `ServiceUnknown`: "The name :1.0 was not provided by any .service files"), or a
 * secret-transfer session the new daemon never opened (gnome-keyring's `NoSession`: "The session
 * wrapping the secret does not exist"). Measured with gnome-keyring 46 (tests/integration/main/core/
 * keychainRestart.test.ts). Such a call can be asked again at once through a fresh connection: it
 * cannot prompt twice, as no daemon ever saw it. A message worded otherwise (another daemon, a
 * translation) just takes the slower way: the failure is reported and the next call reconnects.
 */
const STALE_CONNECTION = [
  /The name :\d+\.\d+ was not provided by any \.service files/,
  /The session wrapping the secret does not exist/,
];

/** Whether `error` (or its message) is one of the stale-connection errors above. */
export function isStaleConnection(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return STALE_CONNECTION.some((pattern) => pattern.test(message));
}
