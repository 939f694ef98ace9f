import { randomBytes } from 'node:crypto';
import { GatehouseError } from '../../../shared/errors';
import type { SignUpRequest } from '../../../shared/ipc/contract';
import { type ChangeSignUpEmail, signUpCheckOf } from '../../../shared/signUpEmail';
import type { Logger } from '../log';
import type { CodeDelivery } from './codeDelivery';
import type { Registration } from './registration';

/**
 * Sign-up that can fix a mistyped e-mail before the account is confirmed. Each sign-up made here
 * stores the SHA-256 of a fresh random secret with the user (src/shared/signUpEmail.ts) and keeps
 * the request and the secret in memory, never on disk and never in the renderer. Changing the
 * address then asks the backend to release the unconfirmed user (the secret is the proof) and signs
 * up again at once with the same username, password and attributes and the new address.
 */
export interface SignUpEmailChange {
  signUp(request: SignUpRequest): Promise<{ delivery: CodeDelivery; confirmed: boolean }>;
  /** Signs the unconfirmed `username` up again with `email`; a new code goes there. */
  changeEmail(username: string, email: string): Promise<{ delivery: CodeDelivery }>;
  /** Forgets what was kept for `username` (once it is confirmed). */
  forget(username: string): void;
}

/** What the flow needs: Cognito's sign-up and the backend's release. */
export interface SignUpEmailChangeDeps {
  registration: Pick<Registration, 'signUp'>;
  release: (request: ChangeSignUpEmail) => Promise<void>;
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

/** Creates the flow; what it keeps lives as long as the app runs. */
export function createSignUpEmailChange(deps: SignUpEmailChangeDeps): SignUpEmailChange {
  const kept = new Map<string, Kept>();
  const newSecret = deps.newSecret ?? (() => randomBytes(32).toString('base64url'));

  const signUp = async (request: SignUpRequest) => {
    const secret = newSecret();
    const result = await deps.registration.signUp(request, await signUpCheckOf(secret));
    if (result.confirmed) kept.delete(keyOf(request.username));
    else kept.set(keyOf(request.username), { request, secret });
    return result;
  };

  return {
    signUp,

    async changeEmail(username, email) {
      const held = kept.get(keyOf(username));
      if (held === undefined) {
        throw new GatehouseError(
          'user_not_found',
          'The address can be changed only in the app you signed up in, before you restart it. Sign up again with the right address.',
        );
      }
      if (held.request.email.toLowerCase() === email.toLowerCase()) {
        throw new GatehouseError(
          'invalid_email',
          'That is the address we sent the code to. Enter the right one.',
          'email',
        );
      }
      await deps.release({ username: held.request.username, secret: held.secret, email });
      kept.delete(keyOf(username));
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

    forget(username) {
      kept.delete(keyOf(username));
    },
  };
}
