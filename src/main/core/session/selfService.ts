import { GatehouseError } from '../../../shared/errors';
import type { AuthState, User } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { CodeDelivery } from '../accounts/codeDelivery';
import type { Logger } from '../log';
import type { Credentials } from './credentials';
import type { ProfileStore } from './perform';

/** What the signed-in user changes about their own account: first name and e-mail. */
export interface SelfService {
  /** Sets `given_name` in Cognito, refreshes the tokens so they name it, and answers the state showing it. */
  changeName(givenName: string): Promise<AuthState>;
  /**
   * Asks Cognito to change the e-mail: a code goes to the new address, and the old one stays the
   * user's (and the profile's key) until the code is verified.
   */
  startEmailChange(email: string): Promise<{ delivery: CodeDelivery }>;
  /** A new code for the e-mail waiting for verification. */
  resendEmailCode(): Promise<{ delivery: CodeDelivery }>;
  /**
   * The code from the new address: Cognito makes it the user's e-mail; the refreshed tokens carry it,
   * and the backend moves the profile to it when it is next read.
   */
  confirmEmailChange(code: string): Promise<AuthState>;
}

/** What self-service needs from the session. */
export interface SelfServiceDeps {
  accounts: Pick<Accounts, 'updateAttributes' | 'verifyEmail' | 'resendEmailCode'>;
  /** The signed-in user, or a `not_signed_in` error. */
  user(): User;
  credentials: Pick<Credentials, 'fresh' | 'refresh'>;
  profiles: Pick<ProfileStore, 'getProfile'>;
  /** Publishes the user the held tokens now name (and the profile, when given); answers the state. */
  showUser(profile?: Awaited<ReturnType<ProfileStore['getProfile']>>): AuthState;
  log: Logger;
}

const TEXT = {
  // Cognito copies a federated user's mapped attributes from the provider at every sign-in
  // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html),
  // so a name or e-mail changed here would be overwritten at the next Google sign-in.
  googleName:
    'Your name comes from your Google account. Change it there; Gatehouse shows it at your next sign-in.',
  googleEmail: 'Your email address comes from your Google account. Change it there.',
  sameEmail: 'That is already your email address.',
} as const;

/** Creates the self-service operations over the session's user and tokens. */
export function createSelfService(deps: SelfServiceDeps): SelfService {
  const { accounts, credentials, log } = deps;

  const passwordUser = (googleText: string): User => {
    const user = deps.user();
    if (user.provider === 'google') throw new GatehouseError('invalid_request', googleText);
    return user;
  };

  /** The ID token carries name and e-mail: a refresh makes the screen (and the backend) see the new ones. */
  const refreshAfterChange = async (what: string): Promise<boolean> => {
    try {
      await credentials.refresh();
      return true;
    } catch (error) {
      // The change is made; the screen shows it after the next refresh.
      log.warn(`self-service: could not refresh after the ${what} change`, { error });
      return false;
    }
  };

  return {
    async changeName(givenName) {
      passwordUser(TEXT.googleName);
      await accounts.updateAttributes(await credentials.fresh(), { given_name: givenName });
      log.info('self-service: first name changed');
      await refreshAfterChange('name');
      return deps.showUser();
    },

    async startEmailChange(email) {
      const user = passwordUser(TEXT.googleEmail);
      if (email.toLowerCase() === user.email.toLowerCase())
        throw new GatehouseError('invalid_request', TEXT.sameEmail, 'email');
      const { delivery } = await accounts.updateAttributes(await credentials.fresh(), { email });
      log.info('self-service: e-mail change asked, code sent');
      return { delivery: delivery ?? { destination: 'your new email address', medium: 'EMAIL' } };
    },

    async resendEmailCode() {
      passwordUser(TEXT.googleEmail);
      return accounts.resendEmailCode(await credentials.fresh());
    },

    async confirmEmailChange(code) {
      passwordUser(TEXT.googleEmail);
      await accounts.verifyEmail(await credentials.fresh(), code);
      log.info('self-service: new e-mail verified');
      if (!(await refreshAfterChange('e-mail'))) return deps.showUser();
      // Read with the new e-mail in the token: the backend moves the profile to it.
      try {
        return deps.showUser(await deps.profiles.getProfile());
      } catch (error) {
        log.warn('self-service: could not read the profile after the e-mail change', { error });
        return deps.showUser();
      }
    },
  };
}
