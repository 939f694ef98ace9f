import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { MAX_REDIRECT_URL_LENGTH } from '../../../shared/ipc/contract';
import type { GatehouseConfig } from '../config';
import type { Logger } from '../log';
import type { BrowserOpener, Clock } from '../ports';
import { statesEqual } from './pendingSignIn';

/**
 * "Add a passkey" from the home screen: managed login's `/passkeys/add` page in the system browser
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html — a direct
 * link with `client_id` and `redirect_uri`; the user signs in there if the browser has no managed
 * login session, registers the passkey, and is sent back to `redirect_uri`). The app adds a `state`
 * and remembers the request, one at a time; the return carries no credential — the app reads the
 * list from Cognito again — so the check only tells this add's return from a stray link.
 */

/** What `createPasskeyAdd` needs; `randomBytes` is injectable for tests. */
export interface PasskeyAddDeps {
  config: Pick<GatehouseConfig, 'hostedUiUrl' | 'clientId' | 'redirectUri'>;
  /** How long a started add waits for its return. */
  ttlMs: number;
  openBrowser: BrowserOpener;
  clock: Clock;
  log: Logger;
  randomBytes?: (n: number) => Buffer;
}

/** How a deep link relates to the pending add. */
export type PasskeyAddReturn =
  /** The return of the pending add (now consumed). */
  | 'returned'
  /** Shaped like an add's return, but no add is pending or its state is another's: ignore it. */
  | 'stray'
  /** Not an add's return at all (a sign-in's redirect, or junk): someone else's business. */
  | 'not-an-add';

/** The add-a-passkey round trip. */
export interface PasskeyAdd {
  /** Opens `/passkeys/add` in the system browser (replacing any add under way); returns the link for "copy". */
  start(): Promise<{ addUrl: string }>;
  /** Classifies a `gatehouse://` link, consuming the pending add when it is its return. */
  takeReturn(url: string): PasskeyAddReturn;
  /** Forgets the pending add. */
  cancel(): void;
}

/** The `/passkeys/add` link for this app client. */
export function buildPasskeyAddUrl(config: PasskeyAddDeps['config'], state: string): string {
  const url = new URL(`${config.hostedUiUrl.replace(/\/+$/, '')}/passkeys/add`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    state,
  }).toString();
  return url.href;
}

/**
 * The state of an add's return — exactly the redirect URI, with nothing but an optional `state` —
 * or undefined when `input` is not one. A sign-in's return always carries `code` or `error`.
 */
export function addReturnState(input: string, redirectUri: string): { state?: string } | undefined {
  if (input.length > MAX_REDIRECT_URL_LENGTH) return undefined;
  const queryStart = input.indexOf('?');
  const base = queryStart === -1 ? input : input.slice(0, queryStart);
  if (base.toLowerCase() !== redirectUri.toLowerCase() || input.includes('#')) return undefined;
  const params = [...new URLSearchParams(queryStart === -1 ? '' : input.slice(queryStart + 1))];
  if (params.length === 0) return {};
  const [only] = params;
  if (params.length === 1 && only !== undefined && only[0] === 'state') return { state: only[1] };
  return undefined;
}

/** Creates the add-a-passkey round trip. */
export function createPasskeyAdd(deps: PasskeyAddDeps): PasskeyAdd {
  const { config, log } = deps;
  const randomBytes = deps.randomBytes ?? nodeRandomBytes;
  let pending: { state: string; startedAt: number } | undefined;

  return {
    async start() {
      const state = randomBytes(16).toString('base64url');
      pending = { state, startedAt: deps.clock.now() };
      const addUrl = buildPasskeyAddUrl(config, state);
      log.info('passkey add started');
      try {
        await deps.openBrowser(addUrl);
      } catch (error) {
        log.warn('passkey add: could not open the system browser', { error });
      }
      return { addUrl };
    },

    takeReturn(url) {
      const parsed = addReturnState(url.trim(), config.redirectUri);
      if (parsed === undefined) return 'not-an-add';
      const live = pending !== undefined && deps.clock.now() - pending.startedAt < deps.ttlMs;
      // AWS documents no `state` on this return: a bare one is this add's when one is pending.
      const ours =
        live &&
        pending !== undefined &&
        (parsed.state === undefined || statesEqual(parsed.state, pending.state));
      if (!ours) {
        log.warn('passkey add: return refused', { pending: pending !== undefined, live });
        return 'stray';
      }
      pending = undefined;
      log.info('passkey add: back from the browser');
      return 'returned';
    },

    cancel() {
      pending = undefined;
    },
  };
}
