import { randomBytes } from 'node:crypto';
import { GatehouseError } from '../../../shared/errors';
import type { PasswordPolicy, SignUpRequest } from '../../../shared/ipc/contract';
import { checkPassword } from '../../../shared/passwordPolicy';
import { type ChangeSignUpEmail, signUpCheckOf } from '../../../shared/signUpEmail';
import { weakPasswordMessage } from '../errors/passwordPolicy';
import type { SignUpVault } from '../keychain/signUpVault';
import type { Logger } from '../log';
import type { CodeDelivery } from './codeDelivery';
import type { Registration } from './registration';

/**
 * Sign-up that can fix a mistyped e-mail before the account is confirmed. Each sign-up made here
 * stores the SHA-256 of a fresh random secret with the user (src/shared/signUpEmail.ts); the secret
 * and the request without its password go to the keychain (keychain/signUpVault.ts), the password
 * stays in memory for this run only, and nothing reaches the renderer. Changing the address asks the
 * backend to release the unconfirmed user (the secret is the proof) and signs up again at once with
 * the same username, password and attributes and the new address.
 */
export interface SignUpEmailChange {
  signUp(request: SignUpRequest): Promise<{ delivery: CodeDelivery; confirmed: boolean }>;
  /**
   * Signs the unconfirmed `username` up again with `email`; a new code goes there. `password` is the
   * one the user typed on the way to the confirm screen: used only after a restart, when this run
   * no longer holds the sign-up's own.
   */
  changeEmail(username: string, email: string, password?: string): Promise<{ delivery: CodeDelivery }>;
  /** Forgets what was kept for `username` (once it is confirmed). */
  forget(username: string): Promise<void>;
}

/** What the flow needs: Cognito's sign-up, the backend's release, and where sign-ups are kept. */
export interface SignUpEmailChangeDeps {
  registration: Pick<Registration, 'signUp'>;
  release: (request: ChangeSignUpEmail) => Promise<void>;
  vault: SignUpVault;
  policy: PasswordPolicy;
  log: Logger;
  /** A new secret (tests pass a fixed one); default 32 random bytes, base64url. */
  newSecret?: () => string;
}

interface Kept {
  request: SignUpRequest;
  secret: string;
}

// Cognito compares usernames without case in this pool (`usernameCaseSensitive: false`).
const keyOf = (username: string) => username.toLowerCase();

const notHere = () =>
  new GatehouseError(
    'user_not_found',
    'The address can be changed only on the computer you signed up on. Sign up again with the right address.',
  );

/** Creates the flow. */
export function createSignUpEmailChange(deps: SignUpEmailChangeDeps): SignUpEmailChange {
  // This run's sign-ups, password included (memory only); the vault keeps them across restarts, without it.
  const kept = new Map<string, Kept>();
  const newSecret = deps.newSecret ?? (() => randomBytes(32).toString('base64url'));

  const signUp = async (request: SignUpRequest) => {
    const secret = newSecret();
    const result = await deps.registration.signUp(request, await signUpCheckOf(secret));
    const key = keyOf(request.username);
    if (result.confirmed) {
      kept.delete(key);
      await deps.vault.forget(request.username);
      return result;
    }
    kept.set(key, { request, secret });
    const { password: _never, ...attributes } = request;
    await deps.vault.save({ ...attributes, secret });
    return result;
  };

  /** The sign-up as made, with this run's password or, after a restart, the one just typed. */
  const heldSignUp = async (username: string, typed: string | undefined): Promise<Kept> => {
    const mine = kept.get(keyOf(username));
    if (mine !== undefined) return mine;
    const pending = await deps.vault.get(username);
    if (pending === undefined || typed === undefined) throw notHere();
    const { secret, ...attributes } = pending;
    const password = typed;
    // The new user gets this password: refuse a weak one before the old user is gone.
    if (!checkPassword(deps.policy, password).every((verdict) => verdict.met)) {
      throw new GatehouseError('weak_password', weakPasswordMessage(deps.policy));
    }
    return { request: { ...attributes, password }, secret };
  };

  return {
    signUp,

    async changeEmail(username, email, typed) {
      const held = await heldSignUp(username, typed);
      if (held.request.email.toLowerCase() === email.toLowerCase()) {
        throw new GatehouseError(
          'invalid_email',
          'That is the address we sent the code to. Enter the right one.',
          'email',
        );
      }
      await deps.release({ username: held.request.username, secret: held.secret, email });
      try {
        const { delivery } = await signUp({ ...held.request, email });
        deps.log.info('sign-up moved to a new e-mail address');
        return { delivery };
      } catch (error) {
        // The old user is gone: put the sign-up back as it was, so the username stays the user's.
        deps.log.warn('sign-up with the new e-mail failed; restoring the first one', {
          code: error instanceof GatehouseError ? error.code : 'unexpected',
        });
        await signUp(held.request).catch((restore: unknown) =>
          deps.log.error('restoring the sign-up failed', {
            code: restore instanceof GatehouseError ? restore.code : 'unexpected',
          }),
        );
        throw error;
      }
    },

    async forget(username) {
      kept.delete(keyOf(username));
      await deps.vault.forget(username);
    },
  };
}
