import { GatehouseError } from '../../../shared/errors';
import type { IdentityProvider } from '../../../shared/identity';
import type { User } from '../../../shared/ipc/contract';
import { MESSAGES } from '../errors/messages';
import type { TokenSet } from '../tokens/tokenSet';
import type { Effect } from './effects';
import type { Command, Result } from './events';
import type { SessionState } from './states';
import { also, enter, type Step, show, stay } from './steps';

/**
 * A federated user whose provider does not vouch for the e-mail (Facebook, Amazon, an IdP that sends
 * no `email_verified`) confirms it with a mailed code before any profile opens: the backend keys
 * profiles by verified e-mail. Cognito lets a federated user verify an attribute with their own
 * access token (GetUserAttributeVerificationCode, VerifyUserAttribute); the next federated sign-in
 * maps the e-mail unverified again, so the step comes back then.
 */

/** The events this step reacts to. */
export type ConfirmationEvent =
  | Extract<Command, { type: 'send-email-confirmation' | 'confirm-email' }>
  | Extract<Result, { type: 'confirmation-code-sent' | 'email-confirmed' | 'email-confirmation-failed' }>;

/** Until the code is in, nothing reaches the profiles keyed by e-mail. */
export const confirmFirst = (): Effect => ({
  kind: 'fail',
  error: new GatehouseError(
    'not_confirmed',
    'Confirm your email address first: enter the code we sent to it.',
  ),
});

const notWaiting = (): Effect => ({
  kind: 'fail',
  error: new GatehouseError('not_signed_in', MESSAGES.notSignedIn),
});

/**
 * Signs the user in to the pool's session (tokens held and saved, as any sign-in) but opens no
 * profile: the screen asks for the code, which goes out at once.
 */
export function awaitConfirmation(
  state: SessionState,
  tokens: TokenSet,
  user: User,
  provider: IdentityProvider,
): Step {
  const entered = enter(state, tokens, user, provider);
  const effects = entered.effects.filter((effect) => effect.kind !== 'fetch-profile');
  return also(show(entered.state, { status: 'email-confirmation-required', user }), ...effects, {
    kind: 'send-confirmation-code',
  });
}

/** What a confirmation command or result does. */
export function confirmation(state: SessionState, event: ConfirmationEvent): Step {
  const { view, account } = state;
  const waiting = view.status === 'email-confirmation-required' && account.kind === 'signed-in';
  switch (event.type) {
    case 'send-email-confirmation':
      return waiting
        ? { state, effects: [{ kind: 'send-confirmation-code' }] }
        : { state, effects: [notWaiting()] };
    case 'confirm-email':
      if (!waiting) return { state, effects: [notWaiting()] };
      return {
        state,
        effects: [{ kind: 'verify-email', code: event.code, provider: account.held.provider }],
      };
    case 'confirmation-code-sent':
      if (!waiting) return stay(state);
      return show(state, { ...view, delivery: event.delivery });
    case 'email-confirmed': {
      if (!waiting || !event.user.emailVerified) return stay(state);
      const held = { ...account.held, tokens: event.tokens };
      const next: SessionState = { ...state, account: { ...account, held, user: event.user } };
      // Now the profile keyed by the confirmed e-mail opens (onboarding when there is none yet).
      return {
        state: next,
        effects: [
          { kind: 'fetch-profile' },
          { kind: 'save-entry', held, purpose: 'rotation', background: true },
        ],
      };
    }
    case 'email-confirmation-failed':
      return { state, effects: [{ kind: 'fail', error: event.error }] };
  }
}
