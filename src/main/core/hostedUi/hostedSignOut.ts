import type { GatehouseConfig } from '../config';
import type { Logger } from '../log';
import type { BrowserOpener, Clock } from '../ports';
import { buildLogoutUrl } from './endpoints';

/**
 * Ends the Hosted UI's own session (its cookie in the system browser) when a federated user signs
 * out of Gatehouse, so that the next federated sign-in ("Continue with Google") lets them choose an account instead of
 * silently signing the previous one back in. Revoking tokens does not end that cookie: only the
 * browser visiting `/logout` does, so the system browser is opened on it (there is no way to clear
 * a browser's cookie without the browser). Cognito then sends the browser to the registered
 * sign-out URL, which the app accepts only while it expects it.
 */

/** What the core does with the Hosted UI sign-out. */
export interface HostedSignOut {
  /** Opens `/logout` in the system browser; the sign-out link is expected for `windowMs`. */
  start(): Promise<void>;
  /** True, once, when `url` is exactly the registered sign-out URL and a sign-out is expected. */
  accept(url: string): boolean;
}

/** Builds the Hosted UI sign-out. */
export function createHostedSignOut(deps: {
  config: Pick<GatehouseConfig, 'hostedUiUrl' | 'clientId' | 'redirectUri' | 'signOutUri'>;
  /** How long after opening `/logout` the sign-out link is expected back. */
  windowMs: number;
  openBrowser: BrowserOpener;
  clock: Clock;
  log: Logger;
}): HostedSignOut {
  const { config, log } = deps;
  let expectedUntil: number | undefined;

  return {
    async start() {
      expectedUntil = deps.clock.now() + deps.windowMs;
      try {
        await deps.openBrowser(buildLogoutUrl(config));
        log.info('hosted UI sign-out opened in the browser');
      } catch (error) {
        expectedUntil = undefined;
        log.warn('hosted UI sign-out: could not open the system browser', { error });
      }
    },

    accept(url) {
      const expected = expectedUntil !== undefined && deps.clock.now() <= expectedUntil;
      if (!expected || url !== config.signOutUri) return false;
      expectedUntil = undefined;
      return true;
    },
  };
}
