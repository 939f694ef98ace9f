import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { GatehouseError } from '../../../shared/errors';
import { isPasskeySignIn, PASSKEY_SIGN_IN } from '../../../shared/passkeySignIn';
import { providerDisplayName } from '../../../shared/poolDefinition';
import type { GatehouseConfig } from '../config';
import type { Logger } from '../log';
import type { BrowserOpener, Clock } from '../ports';
import type { TokenSet } from '../tokens/tokenSet';
import { parseRedirect } from './deepLink';
import { buildAuthorizeUrl, exchangeCode } from './endpoints';
import { FirstLinkFailure, isFirstLinkFailure } from './firstLink';
import { authorizeError } from './oauthErrors';
import { createPendingSignIns, type TakeFailure } from './pendingSignIn';
import { codeChallengeS256, createCodeVerifier } from './pkce';

/**
 * Sign-in through a federated identity provider ("Continue with Google", "… with Microsoft"): the
 * system browser on the Hosted UI (RFC 8252), straight to the provider through `identity_provider`,
 * authorization code + PKCE S256 + single-use state, completed by the deep link or by a pasted
 * redirect URL. "Sign in with a passkey" is the same flow without `identity_provider` (managed
 * login's own page, where the passkey is offered), named `PASSKEY_SIGN_IN` in place of a provider.
 * One sign-in is in flight at a time, whichever provider it goes to.
 */

/** What `createFederatedSignIn` needs; `randomBytes` is injectable for tests. */
export interface FederatedSignInDeps {
  config: Pick<GatehouseConfig, 'hostedUiUrl' | 'clientId' | 'redirectUri' | 'httpTimeoutMs'>;
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
  /**
   * Starts (or restarts) a sign-in with the provider the pool calls `provider` (`identity_provider`,
   * e.g. `Google`) and opens the system browser; returns the link for "copy".
   */
  start(provider: string): Promise<{ signInUrl: string }>;
  /**
   * Starts (or restarts) a passkey sign-in: the same authorize request with no `identity_provider`,
   * so managed login shows its sign-in page with "Sign in with a passkey".
   */
  startPasskey(): Promise<{ signInUrl: string }>;
  /** Forgets the pending sign-in; a redirect arriving later is refused. */
  cancel(): void;
  /** The pending sign-in's link, while it is live (the "copy sign-in link" fallback). */
  pendingUrl(): string | undefined;
  /** The provider of the last sign-in started (what a failure names), if any. */
  lastProvider(): string | undefined;
  /** Completes the pending sign-in from a deep link or a pasted redirect URL. */
  handleRedirect(url: string): Promise<{ tokens: TokenSet; provider: string }>;
}

/** "Microsoft sign-in", "passkey sign-in", or just "sign-in" before any was started. */
const signInWith = (provider: string | undefined) =>
  provider === undefined ? 'sign-in' : `${providerDisplayName(provider)} sign-in`;

/** Why a redirect was refused, in words naming the provider last started (when there was one). */
const PENDING_FAILURES: Record<TakeFailure, (provider: string | undefined) => GatehouseError> = {
  none: () =>
    new GatehouseError('no_pending_sign_in', 'No sign-in is in progress. Choose how to sign in first.'),
  expired: (provider) =>
    new GatehouseError(
      'sign_in_expired',
      `This ${signInWith(provider)} took too long and has expired. Start it again.`,
    ),
  mismatch: (provider) =>
    new GatehouseError(
      'invalid_redirect',
      `That link does not belong to the ${signInWith(provider)} in progress.`,
    ),
  replayed: () => new GatehouseError('invalid_redirect', 'That sign-in link was already used.'),
};

/** Builds the federated sign-in flow for one identity provider. */
export function createFederatedSignIn(deps: FederatedSignInDeps): FederatedSignIn {
  const { config, log } = deps;
  const randomBytes = deps.randomBytes ?? nodeRandomBytes;
  const pending = createPendingSignIns({ clock: deps.clock, ttlMs: deps.ttlMs });
  let last: string | undefined;

  /** One start for both: `provider` is a pool provider's name, or `PASSKEY_SIGN_IN` for managed login's page. */
  const begin = async (provider: string) => {
    last = provider;
    const state = randomBytes(16).toString('base64url');
    const verifier = createCodeVerifier(randomBytes);
    const url = buildAuthorizeUrl(config, {
      ...(isPasskeySignIn(provider) ? {} : { identityProvider: provider }),
      state,
      codeChallenge: codeChallengeS256(verifier),
    });
    pending.begin({ state, verifier, url, provider });
    log.info('federated sign-in started', { provider });
    try {
      await deps.openBrowser(url);
    } catch (error) {
      // The sign-in stays pending: the user can still copy the link into a browser themselves.
      log.warn('federated sign-in: could not open the system browser', { error });
    }
    return { signInUrl: url };
  };

  return {
    start: (identityProvider) => begin(identityProvider),

    startPasskey: () => begin(PASSKEY_SIGN_IN),

    cancel() {
      // Also called at every quit: only a sign-in that was pending is news.
      const wasPending = pending.current() !== undefined;
      pending.clear();
      if (wasPending) log.info('federated sign-in cancelled by the user');
    },

    pendingUrl() {
      return pending.current()?.url;
    },

    lastProvider: () => last,

    async handleRedirect(input) {
      const parsed = parseRedirect(input.trim(), config.redirectUri);
      if (!parsed.ok) {
        log.warn('federated redirect rejected: malformed', { reason: parsed.reason });
        throw new GatehouseError('invalid_redirect', 'That is not a Gatehouse sign-in link.');
      }
      const taken = pending.take(parsed.params.state);
      if (!taken.ok) {
        log.warn('federated redirect rejected: state', { reason: taken.reason });
        throw PENDING_FAILURES[taken.reason](last);
      }
      const { provider } = taken.pending;
      if (parsed.params.kind === 'error') {
        log.info('federated sign-in ended without a code', {
          error: parsed.params.error,
          description: parsed.params.errorDescription,
        });
        if (isFirstLinkFailure(parsed.params.error, parsed.params.errorDescription)) {
          throw new FirstLinkFailure(provider);
        }
        throw authorizeError(parsed.params.error, provider);
      }
      const tokens = await exchangeCode(deps, {
        code: parsed.params.code,
        verifier: taken.pending.verifier,
        provider,
      });
      log.info('federated sign-in completed', { provider });
      return { tokens, provider };
    },
  };
}
