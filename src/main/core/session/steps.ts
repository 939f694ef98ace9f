import type { IdentityProvider } from '../../../shared/identity';
import { authStateSchema, type User } from '../../../shared/ipc/contract';
import { SHARED_MESSAGES } from '../../../shared/messages';
import type { KeychainProblem } from '../keychain/tokenVault';
import type { TokenSet } from '../tokens/tokenSet';
import type { HeldSession } from './credentials';
import type { Effect } from './effects';
import { type BareState, NO_ACCOUNT, type Notice, type SessionState } from './states';

/**
 * The building blocks of the session's transitions, each pure: a state in, a state and the effects
 * it calls for out.
 */

/** What a transition returns: the next state and the effects the runner performs for it. */
export interface Step {
  state: SessionState;
  effects: Effect[];
}

/** Words only the session says. */
export const TEXT = {
  restoreRejected: 'Your saved sign-in has expired or was revoked. Please sign in again.',
  signedOutLocally:
    'You are signed out on this computer, but Gatehouse could not reach the sign-in service to end the session there.',
  noChallenge: 'Sign in with your temporary password first.',
  noTotpStep: 'Sign in with your password first.',
  noCodeStep: 'Ask for a sign-in code first.',
  noSwitch: 'Sign in with your password first.',
  noOtherStep: 'This sign-in cannot use that instead. Enter the code you were asked for.',
  restoreFailed: 'Gatehouse could not restore your sign-in. Please sign in again.',
  brokenState: `${SHARED_MESSAGES.internal} Please sign in again.`,
  staleSignIn:
    'Gatehouse ignored a sign-in from your browser: it was no longer waiting for one (it was cancelled or Gatehouse restarted). Choose how to sign in to start again.',
  accountDeleted: 'Your Gatehouse account is deleted, with its profile. It can no longer sign in.',
} as const;

/** A step that changes nothing. */
export const stay = (state: SessionState): Step => ({ state, effects: [] });

/** The signed-out view, with the notice if there is one. */
export const signedOut = (notice?: Notice): BareState =>
  notice === undefined ? { status: 'signed-out' } : { status: 'signed-out', notice };

/** The keychain's latest news: a problem's warning, or none once a call worked. */
export const noted = (state: SessionState, problem: KeychainProblem | undefined): SessionState => ({
  ...state,
  keychainWarning: problem?.warning,
});

/**
 * Shows `view` to the renderer. A view that breaks the contract would make every auth.getState
 * answer `internal` until the next change; such a bug is logged and the view falls back to one that holds.
 */
export function show(state: SessionState, view: BareState): Step {
  if (authStateSchema.safeParse(view).success)
    return { state: { ...state, view }, effects: [{ kind: 'publish' }] };
  const fallback =
    state.view.status !== 'signing-in' && authStateSchema.safeParse(state.view).success
      ? state.view
      : signedOut({ code: 'internal', message: TEXT.brokenState });
  return {
    state: { ...state, view: fallback },
    effects: [
      {
        kind: 'log',
        level: 'error',
        message: 'session: refused a state that breaks the contract',
        fields: { status: String(view.status) },
      },
      { kind: 'publish' },
    ],
  };
}

/** Appends effects to a step. */
export const also = (step: Step, ...effects: Effect[]): Step => ({
  state: step.state,
  effects: [...step.effects, ...effects],
});

/** The account just forgotten: what ending it may need to revoke, remove from the keychain, or end. */
export interface Forgotten {
  refreshToken: string;
  username: string;
  provider: IdentityProvider;
}

/**
 * Forgets the account the session holds or waits to restore, and any sign-in under way: tokens
 * dropped (they live in the account), results of work issued before ignored (new generation). What
 * else ending it takes differs per caller, so the forgotten account is returned for it to finish.
 */
export function forget(state: SessionState): { state: SessionState; forgotten: Forgotten | undefined } {
  const { account } = state;
  let forgotten: Forgotten | undefined;
  if (account.kind === 'signed-in') {
    const { held } = account;
    forgotten = { refreshToken: held.tokens.refreshToken, username: held.username, provider: held.provider };
  } else if (account.kind === 'restore-pending') {
    const { refreshToken, username, provider } = account.entry;
    forgotten = { refreshToken, username, provider };
  }
  return {
    state: {
      ...state,
      generation: state.generation + 1,
      attempt: {},
      // A launch that could not read the keychain stays retryable: there was no account to forget.
      account: account.kind === 'none' ? account : NO_ACCOUNT,
    },
    forgotten,
  };
}

/**
 * Adopts fresh tokens from any sign-in: hold them, save the refresh token, load the profile. The
 * user is in as soon as the profile is: the keychain write (2–15 ms on a Secret Service, more
 * behind a macOS prompt) starts beside the profile fetch and is not waited for. Its outcome still
 * reaches the user: a failure is published as the keychain warning the moment it is known (with
 * the signed-in state when it is known first), and quitting waits for the write
 * (Gatehouse.dispose), so a sign-in is never lost. A sign-in that replaces another account
 * revokes the old refresh token and removes its entry.
 */
export function enter(state: SessionState, tokens: TokenSet, user: User, provider: IdentityProvider): Step {
  const { state: cleared, forgotten: previous } = forget(state);
  const held: HeldSession = { tokens, username: user.username, provider };
  const effects: Effect[] = [
    { kind: 'log', level: 'info', message: 'session: signed in', fields: { provider } },
  ];
  // Asked in this order (the vault runs them so), so Gatehouse.dispose waits for both.
  if (previous && previous.username !== held.username)
    effects.push({
      kind: 'remove-entry',
      username: previous.username,
      purpose: 'replaced',
      background: true,
    });
  effects.push({ kind: 'fetch-profile' }, { kind: 'save-entry', held, purpose: 'sign-in', background: true });
  if (previous && previous.refreshToken !== tokens.refreshToken)
    effects.push({ kind: 'revoke-replaced', refreshToken: previous.refreshToken });
  return { state: { ...cleared, account: { kind: 'signed-in', user, held, shown: false } }, effects };
}
