import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { AuthState, User } from '../../../shared/ipc/contract';
import { DELETE_WORD } from '../../../shared/messages';
import type { Accounts } from '../accounts/accounts';
import { isOffline } from '../errors/offline';
import type { Logger } from '../log';
import type { TokenSet } from '../tokens/tokenSet';
import { realSleep, type Sleep, withBackoff } from './backoff';
import type { Credentials } from './credentials';
import type { ProfileStore } from './perform';
import { reauthenticate } from './reauthenticate';

/**
 * Deleting the signed-in user's account: the backend profile first, then the Cognito user, then
 * the keychain entry and any Hosted UI session (the session machine's `account-deleted`).
 *
 * Why this order: the profile is keyed by the verified e-mail, so a profile left behind by a
 * deleted Cognito user would open for whoever signs up with that address next, and nobody could
 * ever delete it. Deleting the profile first can only leave the opposite: a Cognito user without a
 * profile, whose owner can still sign in (they see onboarding) and delete again. The profile
 * deletion is idempotent and retried while the backend cannot answer; the Cognito user is not
 * touched until it has succeeded. The password (and code) are checked by a fresh sign-in before
 * anything is deleted, so the step after the profile deletion is unlikely to be refused.
 */

/** What proves the user means it: the password (and authenticator code) or, for federated accounts, the typed word. */
export interface DeletionProof {
  password?: string | undefined;
  code?: string | undefined;
  /** What a federated user typed; must be {@link DELETE_WORD}. */
  confirmation?: string | undefined;
}

/** Waits between attempts while the backend or Cognito gives no answer (about 7 s in all). */
export const DELETION_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000];

/** The account deletion operation. */
export interface AccountDeletion {
  /** Checks the proof, deletes profile and Cognito user, forgets the session; answers the signed-out state. */
  deleteAccount(proof: DeletionProof): Promise<AuthState>;
}

/** What deleting the account needs from the session. */
export interface AccountDeletionDeps {
  accounts: Pick<Accounts, 'signIn' | 'deleteUser' | 'revoke'>;
  /** The signed-in user, or a `not_signed_in` error. */
  user(): User;
  credentials: Pick<Credentials, 'fresh'>;
  profiles: Pick<ProfileStore, 'deleteProfile'>;
  /** Tells the session the account is gone; answers the state after the keychain entry is removed. */
  forgetDeleted(): Promise<AuthState>;
  log: Logger;
  sleep?: Sleep;
  retryDelaysMs?: readonly number[];
}

const TEXT = {
  passwordNeeded: 'Enter your password to delete your account.',
  wordNeeded: `Type ${DELETE_WORD} to confirm that you want to delete your account.`,
  profileNotDeleted:
    'Gatehouse could not reach its profile service, so nothing was deleted. Try again in a moment.',
  userNotDeleted:
    'Your profile is deleted, but Gatehouse could not reach the sign-in service to delete your account. Try again in a moment.',
} as const;

/** Answers from which another attempt may succeed: no answer at all, a service in trouble, throttling. */
function worthRetrying(error: unknown): boolean {
  if (isOffline(error)) return true;
  return isGatehouseError(error) && (error.code === 'backend_unavailable' || error.code === 'rate_limited');
}

/** Creates the deletion over the session's user, tokens and backend. */
export function createAccountDeletion(deps: AccountDeletionDeps): AccountDeletion {
  const { accounts, log } = deps;
  const sleep = deps.sleep ?? realSleep;
  const delays = deps.retryDelaysMs ?? DELETION_RETRY_DELAYS_MS;

  const retried = <T>(attempt: () => Promise<T>): Promise<T> =>
    withBackoff(attempt, delays, sleep, worthRetrying);

  /** The tokens DeleteUser is called with: a fresh sign-in's for password users, the held ones for federated users. */
  const prove = async (user: User, proof: DeletionProof): Promise<{ tokens: TokenSet; fresh: boolean }> => {
    if (user.provider !== 'cognito') {
      if (proof.confirmation?.trim() !== DELETE_WORD)
        throw new GatehouseError('invalid_request', TEXT.wordNeeded, 'confirmation');
      return { tokens: await deps.credentials.fresh(), fresh: false };
    }
    if (!proof.password) throw new GatehouseError('invalid_request', TEXT.passwordNeeded, 'password');
    return { tokens: await reauthenticate(accounts, user.username, proof.password, proof.code), fresh: true };
  };

  return {
    async deleteAccount(proof) {
      const user = deps.user();
      const { tokens, fresh } = await prove(user, proof);
      try {
        await retried(() => deps.profiles.deleteProfile());
      } catch (error) {
        log.warn('account deletion: the profile could not be deleted; nothing was deleted', { error });
        if (fresh) await accounts.revoke(tokens.refreshToken).catch(() => undefined);
        throw worthRetrying(error)
          ? new GatehouseError('backend_unavailable', TEXT.profileNotDeleted)
          : error;
      }
      log.info('account deletion: profile deleted');
      try {
        await retried(() => accounts.deleteUser(tokens));
      } catch (error) {
        log.warn('account deletion: the Cognito user could not be deleted after its profile', { error });
        if (fresh) await accounts.revoke(tokens.refreshToken).catch(() => undefined);
        throw worthRetrying(error) ? new GatehouseError('service_unreachable', TEXT.userNotDeleted) : error;
      }
      log.info('account deletion: Cognito user deleted');
      return deps.forgetDeleted();
    },
  };
}
