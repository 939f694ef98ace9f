import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { GatehouseError } from '../../../shared/errors';
import type { GatehouseConfig } from '../config';
import type { Logger } from '../log';
import type { BrowserOpener, Clock } from '../ports';
import type { TokenSet } from '../tokens/tokenSet';
import { parseRedirect } from './deepLink';
import { buildAuthorizeUrl, exchangeCode } from './endpoints';
import { authorizeError } from './oauthErrors';
import { createPendingSignIns, type TakeFailure } from './pendingSignIn';
import { codeChallengeS256, createCodeVerifier } from './pkce';

/**
 * Sign-in through a federated identity provider ("Continue with Google" today): the system browser
 * on the Hosted UI (RFC 8252), straight to the provider through `identity_provider`, authorization
 * code + PKCE S256 + single-use state, completed by the deep link or by a pasted redirect URL.
 */

/** What `createFederatedSignIn` needs; `randomBytes` is injectable for tests. */
export interface FederatedSignInDeps {
  config: Pick<GatehouseConfig, 'hostedUiUrl' | 'clientId' | 'redirectUri' | 'httpTimeoutMs'>;
  /** The pool's name for the provider (`identity_provider`, e.g. `Google`). */
  identityProvider: string;
  /** How long a started sign-in waits for its redirect. */
  ttlMs: number;
  http: AxiosInstance;
  openBrowser: BrowserOpener;
  clock: Clock;
  log: Logger;
  randomBytes?: (n: number) => Buffer;
}

/** The federated sign-in flow as the rest of the core drives it. */
export interface FederatedSignIn {
  /** Starts (or restarts) a sign-in and opens the system browser; returns the link for "copy". */
  start(): Promise<{ signInUrl: string }>;
  /** Forgets the pending sign-in; a redirect arriving later is refused. */
  cancel(): void;
  /** The pending sign-in's link, while it is live (the "copy sign-in link" fallback). */
  pendingUrl(): string | undefined;
  /** Completes the pending sign-in from a deep link or a pasted redirect URL. */
  handleRedirect(url: string): Promise<TokenSet>;
}

const PENDING_FAILURES: Record<TakeFailure, () => GatehouseError> = {
  none: () =>
    new GatehouseError(
      'no_pending_sign_in',
      'No Google sign-in is in progress. Choose “Continue with Google” first.',
    ),
  expired: () =>
    new GatehouseError(
      'sign_in_expired',
      'This Google sign-in took too long and has expired. Start it again.',
    ),
  mismatch: () =>
    new GatehouseError('invalid_redirect', 'That link does not belong to the Google sign-in in progress.'),
  replayed: () => new GatehouseError('invalid_redirect', 'That sign-in link was already used.'),
};

/** Builds the federated sign-in flow for one identity provider. */
export function createFederatedSignIn(deps: FederatedSignInDeps): FederatedSignIn {
  const { config, identityProvider, log } = deps;
  const randomBytes = deps.randomBytes ?? nodeRandomBytes;
  const pending = createPendingSignIns({ clock: deps.clock, ttlMs: deps.ttlMs });

  return {
    async start() {
      const state = randomBytes(16).toString('base64url');
      const verifier = createCodeVerifier(randomBytes);
      const url = buildAuthorizeUrl(config, {
        identityProvider,
        state,
        codeChallenge: codeChallengeS256(verifier),
      });
      pending.begin({ state, verifier, url });
      log.info('federated sign-in started', { provider: identityProvider });
      try {
        await deps.openBrowser(url);
      } catch (error) {
        // The sign-in stays pending: the user can still copy the link into a browser themselves.
        log.warn('federated sign-in: could not open the system browser', { error });
      }
      return { signInUrl: url };
    },

    cancel() {
      // Also called at every quit: only a sign-in that was pending is news.
      const wasPending = pending.current() !== undefined;
      pending.clear();
      if (wasPending) log.info('federated sign-in cancelled by the user');
    },

    pendingUrl() {
      return pending.current()?.url;
    },

    async handleRedirect(input) {
      const parsed = parseRedirect(input.trim(), config.redirectUri);
      if (!parsed.ok) {
        log.warn('federated redirect rejected: malformed', { reason: parsed.reason });
        throw new GatehouseError('invalid_redirect', 'That is not a Gatehouse sign-in link.');
      }
      const taken = pending.take(parsed.params.state);
      if (!taken.ok) {
        log.warn('federated redirect rejected: state', { reason: taken.reason });
        throw PENDING_FAILURES[taken.reason]();
      }
      if (parsed.params.kind === 'error') {
        log.info('federated sign-in ended without a code', {
          error: parsed.params.error,
          description: parsed.params.errorDescription,
        });
        throw authorizeError(parsed.params.error);
      }
      const tokens = await exchangeCode(deps, { code: parsed.params.code, verifier: taken.pending.verifier });
      log.info('federated sign-in completed');
      return tokens;
    },
  };
}
