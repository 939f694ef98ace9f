import { GatehouseError } from '../../../shared/errors';
import type { AuthState, User } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { Logger } from '../log';
import type { Credentials } from './credentials';

/** What the signed-in user changes about their own account: their first name (more to come: e-mail, deletion). */
export interface SelfService {
  /** Sets `given_name` in Cognito, refreshes the tokens so they name it, and answers the state showing it. */
  changeName(givenName: string): Promise<AuthState>;
}

/** What self-service needs from the session. */
export interface SelfServiceDeps {
  accounts: Pick<Accounts, 'updateAttributes'>;
  /** The signed-in user, or a `not_signed_in` error. */
  user(): User;
  credentials: Pick<Credentials, 'fresh' | 'refresh'>;
  /** Publishes the user the held tokens now name; answers the state. */
  showUser(): AuthState;
  log: Logger;
}

const TEXT = {
  // Cognito copies a federated user's mapped attributes from the provider at every sign-in
  // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html),
  // so a name changed here would be overwritten at the next Google sign-in.
  googleName:
    'Your name comes from your Google account. Change it there; Gatehouse shows it at your next sign-in.',
} as const;

/** Creates the self-service operations over the session's user and tokens. */
export function createSelfService(deps: SelfServiceDeps): SelfService {
  const { accounts, credentials, log } = deps;
  return {
    async changeName(givenName) {
      if (deps.user().provider === 'google') throw new GatehouseError('invalid_request', TEXT.googleName);
      await accounts.updateAttributes(await credentials.fresh(), { given_name: givenName });
      log.info('self-service: first name changed');
      try {
        // The ID token carries the name: a refresh makes the screen (and the backend) see the new one.
        await credentials.refresh();
      } catch (error) {
        // The change is made; the screen shows it after the next refresh.
        log.warn('self-service: could not refresh after the name change', { error });
      }
      return deps.showUser();
    },
  };
}
