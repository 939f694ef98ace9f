/**
 * The host names that mean "this machine" in a URL: the only hosts where the app and the backend
 * accept plain http (the devstack). One list for both, so they agree on what counts as local.
 */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Whether a URL points at this machine. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.includes(url.hostname);
}
