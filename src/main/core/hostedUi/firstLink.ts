/**
 * Cognito's first-link failure: when the pool's pre-sign-up trigger links a federated identity to
 * an existing user (AdminLinkProviderForUser) during that identity's first sign-in, Cognito still
 * fails that one sign-in, redirecting with `error=invalid_request` and "Already found an entry for
 * username <Provider>_<id>"; the next sign-in lands on the linked user
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html;
 * amplify-flutter #1716). The app starts the sign-in again once instead of showing an error.
 */

const FIRST_LINK = /^Already found an entry for username /;

/** The sign-in with `provider` came back with the first-link failure. */
export class FirstLinkFailure extends Error {
  override name = 'FirstLinkFailure';
  constructor(readonly provider: string) {
    super(`${provider} was linked to an existing account; the sign-in must be started again`);
  }
}

/** Whether an authorize redirect's `error` and `error_description` are the first-link failure. */
export function isFirstLinkFailure(error: string, description: string | undefined): boolean {
  return error === 'invalid_request' && description !== undefined && FIRST_LINK.test(description);
}

/** What restarting needs: tell the session, start the sign-in again. */
export interface FirstLinkRetryDeps {
  linking(provider: string): void;
  restart(provider: string): Promise<unknown>;
}

/** Restarts a federated sign-in once per attempt the user started, after a first-link failure. */
export function createFirstLinkRetry(deps: FirstLinkRetryDeps) {
  let restarted: string | undefined;
  return {
    /** The user started a sign-in: its own first-link failure may be retried once. */
    reset(): void {
      restarted = undefined;
    },
    /** True when `error` is a first-link failure not yet retried, and the sign-in was started again. */
    async handled(error: unknown): Promise<boolean> {
      if (!(error instanceof FirstLinkFailure) || restarted === error.provider) return false;
      restarted = error.provider;
      deps.linking(error.provider);
      await deps.restart(error.provider);
      return true;
    },
  };
}
