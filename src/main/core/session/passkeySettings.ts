import { GatehouseError } from '../../../shared/errors';
import type { User } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { PasskeyDescription } from '../accounts/webAuthnCredentials';
import type { Logger } from '../log';
import type { TokenSet } from '../tokens/tokenSet';
import { reauthenticate } from './reauthenticate';

/** The signed-in user's passkeys: list them, remove one after confirming it is them. */
export interface PasskeySettings {
  /** The account's passkeys, as Cognito lists them. */
  list(): Promise<PasskeyDescription[]>;
  /**
   * Removes one after a fresh sign-in with the password (and the authenticator code when two-step
   * is on), whose own session is revoked afterwards; answers the list as it is then.
   */
  remove(credentialId: string, password: string, code: string | undefined): Promise<PasskeyDescription[]>;
}

/** What the settings need from the session: the accounts calls, the signed-in user, fresh tokens. */
export interface PasskeySettingsDeps {
  accounts: Pick<Accounts, 'signIn' | 'revoke' | 'listPasskeys' | 'deletePasskey'>;
  /** The signed-in user, or a `not_signed_in` error. */
  user(): User;
  /** The held session's tokens, refreshed when due. */
  freshTokens(): Promise<TokenSet>;
  log: Logger;
}

/** Creates the settings over the session's user and tokens. */
export function createPasskeySettings(deps: PasskeySettingsDeps): PasskeySettings {
  const { accounts, log } = deps;
  /** Passkeys belong to pool (password) accounts; a federated account signs in at its provider. */
  const poolUser = (): User => {
    const user = deps.user();
    if (user.provider !== 'cognito') {
      const name = user.providerName ?? 'your identity provider';
      throw new GatehouseError(
        'invalid_request',
        `You sign in with ${name}, so passkeys are managed by ${name}.`,
      );
    }
    return user;
  };

  return {
    async list() {
      poolUser();
      return accounts.listPasskeys(await deps.freshTokens());
    },

    async remove(credentialId, password, code) {
      const user = poolUser();
      const proof = await reauthenticate(accounts, user.username, password, code);
      try {
        await accounts.deletePasskey(proof, credentialId);
        log.info('passkeys: one removed');
      } finally {
        await accounts.revoke(proof.refreshToken).catch((error: unknown) => {
          log.warn('passkeys: could not revoke the re-authentication session', { error });
        });
      }
      return accounts.listPasskeys(await deps.freshTokens());
    },
  };
}
