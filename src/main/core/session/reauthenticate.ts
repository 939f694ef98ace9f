import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { Accounts } from '../accounts/accounts';
import type { TokenSet } from '../tokens/tokenSet';

/**
 * "Confirm it is you" before a change that weakens the account (turning two-step off, removing a
 * passkey): Cognito verifies a TOTP code only during setup or as a sign-in challenge, so the proof
 * is a whole fresh sign-in — the password, then the authenticator code when two-step is on. The
 * caller uses the proof's tokens for the change and revokes them afterwards.
 */

const TEXT = {
  wrongPassword: 'Your password is not right. Check it and try again.',
  codeNeeded: 'Two-step verification is on: enter a current code from your authenticator app too.',
  unexpectedStep: 'Gatehouse could not confirm it is you. Sign out, sign in again, and retry.',
} as const;

/** A fresh sign-in as `username` with `password` (and `code` when Cognito asks for it): its tokens. */
export async function proveItIsYou(
  accounts: Pick<Accounts, 'signIn'>,
  username: string,
  password: string,
  code: string | undefined,
): Promise<TokenSet> {
  let outcome: Awaited<ReturnType<Accounts['signIn']>>;
  try {
    outcome = await accounts.signIn(username, password);
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'wrong_credentials') {
      throw new GatehouseError('wrong_credentials', TEXT.wrongPassword, 'password', { cause: error.cause });
    }
    throw error;
  }
  if (outcome.kind === 'totp-required') {
    if (code === undefined) throw new GatehouseError('code_mismatch', TEXT.codeNeeded, 'code');
    outcome = await outcome.complete(code);
  }
  if (outcome.kind !== 'signed-in') throw new GatehouseError('internal', TEXT.unexpectedStep);
  return outcome.tokens;
}
