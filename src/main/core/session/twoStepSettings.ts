import { GatehouseError } from '../../../shared/errors';
import type { TwoStepStatus, User } from '../../../shared/ipc/contract';
import { providerDisplayName } from '../../../shared/poolDefinition';
import type { Accounts } from '../accounts/accounts';
import type { Logger } from '../log';
import type { TokenSet } from '../tokens/tokenSet';
import { type AuthenticatorSetup, authenticatorSetup } from '../twoStep/authenticatorSetup';
import { reauthenticate } from './reauthenticate';

/** The signed-in user's two-step verification: whether it is on, setting it up, turning it off. */
export interface TwoStepSettings {
  /** `provider` for federated accounts (their second step is their provider's business), else `on` or `off`. */
  status(): Promise<TwoStepStatus>;
  /**
   * A new secret for an authenticator app, as URI, QR code and grouped text. Main keeps no copy of it.
   * Refused while two-step is on: enrolling over the current app would drop it without the proof
   * that turning off asks for, so replacing an app is turn off (password + code), then set up.
   */
  startSetup(authenticatorName?: string): Promise<AuthenticatorSetup>;
  /** The first code from the app: the secret becomes the user's, and every sign-in asks for a code. Refused while on. */
  finishSetup(code: string, deviceName: string): Promise<TwoStepStatus>;
  /**
   * Turns it off after proving both factors again: Cognito verifies a TOTP code only during setup
   * or as a sign-in challenge, so the proof is a fresh sign-in (password, then the code), whose
   * own session is revoked once it has turned TOTP off.
   */
  turnOff(password: string, code: string): Promise<TwoStepStatus>;
}

/** What the settings need from the session: the accounts calls, the signed-in user, fresh tokens. */
export interface TwoStepDeps {
  accounts: Pick<
    Accounts,
    'signIn' | 'revoke' | 'associateTotp' | 'verifyTotp' | 'disableTotp' | 'totpEnabled'
  >;
  /** The signed-in user, or a `not_signed_in` error. */
  user(): User;
  /** The held session's tokens, refreshed when due. */
  freshTokens(): Promise<TokenSet>;
  /**
   * Tells the backend two-step verification may have changed: it reads the state from Cognito with
   * these tokens, mails the user when it changed, and keeps the authenticator's name. Never rejects.
   */
  changed(tokens: TokenSet, authenticatorName?: string): Promise<void>;
  log: Logger;
}

const TEXT = {
  provider: (name: string) => `Your ${name} account’s two-step verification is managed by ${name}.`,
  alreadyOn:
    'Two-step verification is already on. To use a different authenticator app, turn it off first (that asks for your password and a current code), then set it up again.',
} as const;

/** Creates the settings over the session's user and tokens. */
export function createTwoStepSettings(deps: TwoStepDeps): TwoStepSettings {
  const { accounts, log } = deps;
  const passwordUser = (): User => {
    const user = deps.user();
    if (user.provider !== 'cognito')
      throw new GatehouseError(
        'invalid_request',
        TEXT.provider(
          user.providerName === undefined ? 'your identity provider' : providerDisplayName(user.providerName),
        ),
      );
    return user;
  };

  /** Refuses setup over an enrolled authenticator, checked with Cognito each time (not a cached status). */
  const requireTotpOff = async (): Promise<TokenSet> => {
    const tokens = await deps.freshTokens();
    if (await accounts.totpEnabled(tokens)) throw new GatehouseError('invalid_request', TEXT.alreadyOn);
    return tokens;
  };

  return {
    async status() {
      const user = deps.user();
      if (user.provider !== 'cognito') return 'provider';
      return (await accounts.totpEnabled(await deps.freshTokens())) ? 'on' : 'off';
    },

    async startSetup(authenticatorName) {
      const user = passwordUser();
      const { secret } = await accounts.associateTotp(await requireTotpOff());
      log.info('two-step: setup started');
      // The e-mail is what people recognise in their authenticator app; the username when there is none.
      return authenticatorSetup(user.email || user.username, secret, authenticatorName);
    },

    async finishSetup(code, deviceName) {
      passwordUser();
      const tokens = await requireTotpOff();
      await accounts.verifyTotp(tokens, code, deviceName);
      log.info('two-step: turned on');
      await deps.changed(tokens, deviceName);
      return 'on';
    },

    async turnOff(password, code) {
      const user = passwordUser();
      const proof = await reauthenticate(accounts, user.username, password, code);
      try {
        await accounts.disableTotp(proof);
        log.info('two-step: turned off');
        await deps.changed(proof);
      } finally {
        await accounts.revoke(proof.refreshToken).catch((error: unknown) => {
          log.warn('two-step: could not revoke the re-authentication session', { error });
        });
      }
      return 'off';
    },
  };
}
