import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { Accounts } from '../accounts/accounts';
import type { SignInOutcome } from '../accounts/passwordSignIn';
import type { TokenSet } from '../tokens/tokenSet';

/**
 * "Confirm it is you" before a change that weakens the account or cannot be undone (turning two-step
 * off, removing a passkey, deleting the account): Cognito verifies a TOTP code only during setup or
 * as a sign-in challenge, so the proof is a whole fresh sign-in — the password, then the code when
 * two-step is on. The caller uses the proof's tokens for the change and revokes them afterwards.
 */

const TEXT = {
  wrongPassword: 'Your password is not right. Check it and try again.',
  codeNeeded: 'Enter the 6-digit code from your authenticator app too.',
  unexpectedStep: 'Gatehouse could not confirm it is you. Sign out, sign in again, and retry.',
} as const;

/** The password leg of a re-authentication; a wrong password is said on the password field. */
export async function signInForProof(
  accounts: Pick<Accounts, 'signIn'>,
  username: string,
  password: string,
): Promise<SignInOutcome> {
  try {
    // Not with this computer's device: a remembered device would skip the very code being checked.
    return await accounts.signIn(username, password, { useDevice: false });
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'wrong_credentials') {
      throw new GatehouseError('wrong_credentials', TEXT.wrongPassword, 'password', { cause: error.cause });
    }
    throw error;
  }
}

/**
 * Signs `username` in again with `password` (and `code` when Cognito asks for one); answers the
 * fresh session's tokens, which the caller uses for the change and then revokes.
 */
export async function reauthenticate(
  accounts: Pick<Accounts, 'signIn'>,
  username: string,
  password: string,
  code: string | undefined,
): Promise<TokenSet> {
  let outcome = await signInForProof(accounts, username, password);
  if (outcome.kind === 'totp-required') {
    if (code === undefined) throw new GatehouseError('invalid_request', TEXT.codeNeeded, 'code');
    outcome = await outcome.complete(code);
  }
  if (outcome.kind !== 'signed-in') throw new GatehouseError('internal', TEXT.unexpectedStep);
  return outcome.tokens;
}
