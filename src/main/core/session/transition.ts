import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { SecondFactor, User } from '../../../shared/ipc/contract';
import { providerDisplayName } from '../../../shared/poolDefinition';
import { federatedCancelled, MESSAGES } from '../errors/messages';
import { backoffDelayMs } from './backoff';
import type { Effect } from './effects';
import { awaitConfirmation, confirmation, confirmFirst } from './emailConfirmation';
import { type Command, isResult, type Result, type SessionEvent, type SignInAnswer } from './events';
import {
  type BareState,
  NO_ACCOUNT,
  type PendingStep,
  type SecondStep,
  type SessionState,
  signedInUser,
} from './states';
import { also, enter, forget, noted, type Step, show, signedOut, stay, TEXT } from './steps';

/**
 * The session's rules: `transition(state, event)` gives the next state and the effects to perform.
 * Pure: no I/O, no timers, no promises. Results reach it only while still current (the runner
 * drops stale ones, see events.ts `DROPPED_WHEN_STALE`), so no rule checks for staleness itself.
 */

/** A launch that cannot reach the sign-in service retries by itself, at least once a minute. */
export const RESTORE_RETRY_CAP_MS = 60_000;

const fail = (error: unknown): Effect => ({ kind: 'fail', error });
const notSignedIn = (message: string = MESSAGES.notSignedIn) =>
  fail(new GatehouseError('not_signed_in', message));

/** The next state and effects for `event` in `state`. */
export function transition(state: SessionState, event: SessionEvent): Step {
  return isResult(event) ? result(state, event) : command(state, event);
}

/** What a command from the user or the app does. */
function command(state: SessionState, event: Command): Step {
  switch (event.type) {
    case 'restore':
      return restore(state);
    case 'retry':
      return retry(state);
    case 'retry-due': {
      // Only a launch still waiting offline retries by itself; anything since (a sign-in, a Retry) took over.
      const { account } = state;
      if (account.kind !== 'restore-pending' || state.view.status !== 'offline') return stay(state);
      // It stays on the offline screen while it asks (no splash every few seconds), no longer counting down.
      return also(show(state, { status: 'offline' }), { kind: 'refresh-entry', entry: account.entry });
    }
    case 'sign-in':
      return also(show(state, { status: 'signing-in', method: 'password' }), {
        kind: 'cognito-sign-in',
        login: event.login,
        password: event.password,
        previous: state.view,
      });
    case 'sign-in-with-code': {
      const effect: Effect = {
        kind: 'cognito-code-sign-in',
        login: event.login,
        medium: event.medium,
        previous: state.view,
      };
      // A new code asked for from the code step keeps that step on screen (its field and countdown).
      if (state.view.status === 'code-required') return { state, effects: [effect] };
      return also(show(state, { status: 'signing-in', method: 'code' }), effect);
    }
    case 'answer-step':
      return answerStep(state, event.kind, event.value, event.rememberDevice);
    case 'switch-step':
      return switchStep(state, event.method);
    case 'federated-started':
      // Starting a federated sign-in while signed in changes nothing until tokens arrive.
      if (state.account.kind === 'signed-in') return stay(state);
      return show(
        state.view.status === 'signing-in'
          ? state
          : { ...state, attempt: { ...state.attempt, beforeFederated: state.view } },
        { status: 'signing-in', method: 'federated', provider: event.provider },
      );
    case 'federated-cancelled': {
      if (state.view.status !== 'signing-in' || state.view.method !== 'federated') return stay(state);
      const back = state.attempt.beforeFederated ?? signedOut();
      return show({ ...state, attempt: { ...state.attempt, beforeFederated: undefined } }, back);
    }
    case 'federated-linking':
      // Only the federated sign-in under way can be restarted to finish a link.
      if (state.view.status !== 'signing-in' || state.view.method !== 'federated') return stay(state);
      return show(state, {
        status: 'signing-in',
        method: 'federated',
        provider: event.provider,
        linking: true,
      });
    case 'federated-returned':
      if (!event.user.emailVerified) {
        // A session already in (or waiting to be restored) is never replaced by one that must confirm first.
        if (state.account.kind === 'signed-in' || state.account.kind === 'restore-pending')
          return refuseUnverified(state, event.tokens.refreshToken, event.user);
        return awaitConfirmation(state, event.tokens, event.user, event.user.provider);
      }
      return enter(state, event.tokens, event.user, event.user.provider);
    case 'federated-failed': {
      const { error } = event;
      // A sign-in finished in a stale browser tab after the app stopped waiting (cancelled, quit): the
      // browser cannot know it was ignored, so the sign-in screen says so. Anywhere else it changes nothing.
      if (error.code === 'no_pending_sign_in')
        return state.view.status === 'signed-out' && state.account.kind === 'none'
          ? show(state, signedOut({ code: error.code, message: TEXT.staleSignIn }))
          : stay(state);
      // A link that matched no pending sign-in (forged, replayed, malformed) is ignored: the real one may still come.
      if (error.code === 'invalid_redirect') return stay(state);
      // Never let a failed federated attempt end a session that is signed in (or waiting to be restored).
      if (state.account.kind === 'signed-in' || state.account.kind === 'restore-pending') return stay(state);
      const message =
        error.code === 'cancelled' && event.provider !== undefined
          ? federatedCancelled(event.provider)
          : error.message;
      return show(
        { ...state, attempt: { ...state.attempt, beforeFederated: undefined } },
        signedOut({ code: error.code, message }),
      );
    }
    case 'sign-out': {
      const { state: cleared, forgotten } = forget(state);
      if (forgotten === undefined) return signOutDone(cleared);
      const effects: Effect[] = [];
      // A federated user's Hosted UI session (and the provider's choice of account) ends with Gatehouse's.
      if (forgotten.provider !== 'cognito') effects.push({ kind: 'end-hosted-session', background: true });
      // The user asked to sign out: removing the entry is right even when revocation cannot reach Cognito.
      effects.push({
        kind: 'end-session',
        refreshToken: forgotten.refreshToken,
        username: forgotten.username,
      });
      return { state: cleared, effects };
    }
    case 'sign-out-everywhere': {
      const { account } = state;
      if (account.kind !== 'signed-in') return { state, effects: [notSignedIn()] };
      const { username, provider } = account.held;
      return { state, effects: [{ kind: 'global-sign-out', who: { username, provider } }] };
    }
    case 'write-profile': {
      const user = signedInUser(state);
      if (!user) return { state, effects: [notSignedIn()] };
      if (state.view.status === 'email-confirmation-required') return { state, effects: [confirmFirst()] };
      return { state, effects: [{ kind: 'send-profile', change: event.change, user }] };
    }
    case 'show-user': {
      // The held account's user follows each refresh; the screen catches up only when asked.
      const user = signedInUser(state);
      const { view } = state;
      if (user === undefined || !('user' in view) || view.user === undefined) return stay(state);
      if (event.profile !== undefined && view.status === 'signed-in')
        return show(state, { ...view, user, profile: event.profile });
      if (view.user === user) return stay(state);
      return show(state, { ...view, user });
    }
    case 'account-deleted': {
      // Cognito already ended every token of the account: nothing is left to revoke.
      const { state: cleared, forgotten } = forget(state);
      if (forgotten === undefined) return show(cleared, signedOut(ACCOUNT_DELETED));
      const effects: Effect[] = [
        { kind: 'remove-entry', username: forgotten.username, purpose: 'account-deleted', background: false },
      ];
      // The Hosted UI would otherwise keep the provider's choice of account for the next sign-in.
      if (forgotten.provider !== 'cognito') effects.push({ kind: 'end-hosted-session', background: true });
      return { state: cleared, effects };
    }
    case 'send-email-confirmation':
    case 'confirm-email':
      return confirmation(state, event);
    case 'dispose':
      // The app is quitting: the keychain entry stays for the next launch, and nothing is published.
      return { state: forget(state).state, effects: [] };
  }
}

/** What a (current) result of an effect or of the credentials does. */
function result(state: SessionState, event: Result): Step {
  switch (event.type) {
    case 'keychain-read': {
      const { read } = event;
      const problem = read.status === 'problem' ? read.problem : undefined;
      // A keychain that could be read (e.g. unlocked since, then Retry) no longer needs a warning.
      const next: SessionState = {
        ...noted(state, problem),
        account:
          state.account.kind === 'signed-in'
            ? state.account
            : { kind: 'none', keychainUnread: problem !== undefined },
      };
      if (read.status === 'problem')
        return show(next, signedOut({ code: 'keychain_unavailable', message: read.problem.warning }));
      if (read.status === 'empty') return show(next, signedOut());
      return { state: next, effects: [{ kind: 'refresh-entry', entry: read.entry }] };
    }
    case 'restore-crashed':
      // A bug must not leave the app stuck on "signing in"; the keychain entry is left as it is.
      if (state.view.status !== 'signing-in') return stay(state);
      return show(state, signedOut({ code: 'internal', message: TEXT.restoreFailed }));
    case 'entry-refreshed': {
      // The restored entry is the session being entered, not one it replaces.
      const fresh = { ...state, account: NO_ACCOUNT };
      // A federated user who never confirmed the e-mail is asked again before any profile opens.
      if (!event.user.emailVerified && event.entry.provider !== 'cognito')
        return awaitConfirmation(fresh, event.tokens, event.user, event.entry.provider);
      return enter(fresh, event.tokens, event.user, event.entry.provider);
    }
    case 'confirmation-code-sent':
    case 'email-confirmed':
    case 'email-confirmation-failed':
      return confirmation(state, event);
    case 'entry-rejected': {
      const { state: cleared } = forget(state);
      return {
        state: cleared,
        effects: [
          { kind: 'log', level: 'info', message: 'session: saved sign-in was rejected; removing it' },
          {
            kind: 'remove-entry',
            username: event.entry.username,
            purpose: 'restore-rejected',
            background: false,
          },
        ],
      };
    }
    case 'entry-unanswered': {
      // Offline, service down, throttled, anything but a clear "no": keep the entry, and try again by
      // itself after a growing wait (the user may Retry sooner).
      const retries = state.account.kind === 'restore-pending' ? state.account.retries + 1 : 0;
      const delayMs = backoffDelayMs(retries, RESTORE_RETRY_CAP_MS);
      return also(
        show(
          { ...state, account: { kind: 'restore-pending', entry: event.entry, retries } },
          { status: 'offline', retryInSeconds: Math.ceil(delayMs / 1000) },
        ),
        { kind: 'schedule-retry', delayMs },
      );
    }
    case 'sign-in-answered':
      return proceed(state, event.answer);
    case 'sign-in-failed': {
      // A new code that could not be sent leaves the code step, and the code sent before, usable.
      const { previous } = event;
      const stillOpen =
        previous.status === 'code-required' && state.attempt.challenge?.kind === 'code-required';
      return also(show(state, stillOpen ? previous : afterFailedSignIn(previous)), fail(event.error));
    }
    case 'step-failed': {
      const { error } = event;
      // An expired challenge ends the attempt; anything else (a wrong code, a weak password) leaves the step open.
      const { challenge } = state.attempt;
      const open: BareState =
        challenge?.kind === event.kind
          ? stepView(challenge)
          : event.kind === 'code-required' || event.kind === 'email-mfa-required'
            ? state.view
            : { status: event.kind };
      const step =
        isGatehouseError(error) && error.code === 'session_expired'
          ? show(
              { ...state, attempt: { ...state.attempt, challenge: undefined } },
              signedOut({ code: error.code, message: error.message }),
            )
          : show(state, open);
      return also(step, fail(error));
    }
    case 'profile-loaded': {
      const { account } = state;
      if (account.kind !== 'signed-in') return stay(state);
      const { user } = account;
      const next: SessionState = { ...state, account: { ...account, shown: true } };
      const { profile } = event;
      if (profile === 'unreachable') return show(next, { status: 'offline', user });
      return show(
        next,
        profile === null ? { status: 'needs-onboarding', user } : { status: 'signed-in', user, profile },
      );
    }
    case 'entry-saved': {
      const next = noted(state, event.problem);
      if (event.purpose === 'retry' && state.account.kind === 'signed-in') return afterRetrySave(next);
      const changed = next.keychainWarning !== state.keychainWarning;
      // A sign-in's write that ends after the user is in tells them now; before, the profile's state carries it.
      if (event.purpose === 'sign-in' && changed && state.account.kind === 'signed-in' && state.account.shown)
        return show(next, next.view);
      return stay(next);
    }
    case 'entry-removed':
      return entryRemoved(state, event);
    case 'session-ended': {
      const notice = event.revokeUnreachable
        ? { code: 'service_unreachable' as const, message: TEXT.signedOutLocally }
        : undefined;
      return signOutDone(noted(state, event.problem), notice);
    }
    case 'signed-out-everywhere': {
      // Global sign-out already ended every refresh token: nothing is left to revoke.
      const { state: cleared } = forget(state);
      const effects: Effect[] = [
        {
          kind: 'remove-entry',
          username: event.who.username,
          purpose: 'signed-out-everywhere',
          background: false,
        },
      ];
      if (event.who.provider !== 'cognito') effects.push({ kind: 'end-hosted-session', background: true });
      return { state: cleared, effects };
    }
    case 'sign-out-everywhere-failed':
    case 'profile-write-failed':
      return { state, effects: [fail(event.error)] };
    case 'profile-written':
      if (state.account.kind !== 'signed-in') return stay(state);
      return show(state, { status: 'signed-in', user: event.user, profile: event.profile });
    case 'tokens-refreshed': {
      const { account } = state;
      if (account.kind !== 'signed-in') return stay(state);
      const held = { ...account.held, tokens: event.tokens };
      const next: SessionState = {
        ...state,
        account: { ...account, held, user: event.user ?? account.user },
      };
      // Cognito may rotate refresh tokens; the keychain must hold the one that still works.
      if (event.tokens.refreshToken === account.held.tokens.refreshToken) return stay(next);
      return {
        state: next,
        effects: [{ kind: 'save-entry', held, purpose: 'rotation', background: true }],
      };
    }
    case 'session-revoked': {
      // Cognito itself said this session is gone (refresh refused, access token revoked): the only case
      // the entry is removed without the user asking. Whatever screen was up, the sign-in screen says
      // so once; a failed removal is only logged (the entry is useless anyway).
      const { account } = state;
      if (account.kind !== 'signed-in') return stay(state);
      const { state: cleared } = forget(state);
      return also(
        show(cleared, signedOut({ code: 'session_expired', message: MESSAGES.sessionEnded })),
        {
          kind: 'log',
          level: 'info',
          message: 'session: Cognito ended the session',
          fields: { reason: event.reason },
        },
        { kind: 'remove-entry', username: account.held.username, purpose: 'rejected', background: true },
      );
    }
  }
}

/** Launch (or retry after an unreadable keychain): read the keychain, saying so while it is read. */
function restore(state: SessionState): Step {
  return also(show(state, { status: 'signing-in', method: 'restore' }), { kind: 'read-keychain' });
}

/** Retry: read the keychain again, ask Cognito again about the kept entry, or re-save and reload. */
function retry(state: SessionState): Step {
  const { account } = state;
  if (account.kind === 'none' && account.keychainUnread) return restore(state);
  if (account.kind === 'restore-pending')
    return also(show(state, { status: 'signing-in', method: 'restore' }), {
      kind: 'refresh-entry',
      entry: account.entry,
    });
  if (account.kind !== 'signed-in') return stay(state);
  if (state.keychainWarning === undefined) return afterRetrySave(state);
  return {
    state,
    effects: [{ kind: 'save-entry', held: account.held, purpose: 'retry', background: false }],
  };
}

/** The rest of a retry while signed in: reload the profile after `offline`, else show the state again. */
function afterRetrySave(state: SessionState): Step {
  if (state.view.status === 'offline') return { state, effects: [{ kind: 'fetch-profile' }] };
  return show(state, state.view);
}

/** Answers the pending step of this kind; without one the request fails and nothing changes. */
function answerStep(
  state: SessionState,
  kind: PendingStep['kind'],
  value: string,
  rememberDevice: boolean | undefined,
): Step {
  const { challenge } = state.attempt;
  if (!challenge || challenge.kind !== kind) return { state, effects: [notSignedIn(NO_STEP[kind])] };
  const effect: Effect =
    rememberDevice === true && kind === 'totp-required'
      ? { kind: 'complete-step', step: challenge, value, rememberDevice }
      : { kind: 'complete-step', step: challenge, value };
  // The code steps stay on screen while their code is checked, so a wrong code is said next to the
  // field the user is typing in (a `signing-in` state would replace the screen and lose it).
  if (kind === 'totp-required' || kind === 'code-required' || kind === 'email-mfa-required')
    return { state, effects: [effect] };
  return also(show(state, { status: 'signing-in', method: 'password' }), effect);
}

/**
 * Goes from the pending second step to another one it offers (from the authenticator to an
 * e-mailed code and back; e-mail again sends a new code). The step stays on screen meanwhile.
 */
function switchStep(state: SessionState, method: SecondFactor): Step {
  const { challenge } = state.attempt;
  if (challenge?.kind !== 'totp-required' && challenge?.kind !== 'email-mfa-required')
    return { state, effects: [notSignedIn(TEXT.noSwitch)] };
  if (!switchOffered(challenge, method))
    return { state, effects: [fail(new GatehouseError('invalid_request', TEXT.noOtherStep))] };
  return { state, effects: [{ kind: 'switch-step', step: challenge, method }] };
}

/** Whether a second step can go to `method` (an e-mail step can always send a new code). */
function switchOffered(step: SecondStep, method: SecondFactor): boolean {
  if (step.switchTo === undefined) return false;
  if (step.kind === 'email-mfa-required' && method === 'email') return true;
  return step.others?.includes(method) === true;
}
/** The notice after the user deleted their account. */
const ACCOUNT_DELETED = { code: 'account_deleted', message: TEXT.accountDeleted } as const;

/** What an answer without its pending step says, by the step's kind. */
const NO_STEP: Record<PendingStep['kind'], string> = {
  'new-password-required': TEXT.noChallenge,
  'totp-required': TEXT.noTotpStep,
  'code-required': TEXT.noCodeStep,
  'email-mfa-required': TEXT.noTotpStep,
};

/**
 * The view of a pending step (a sent code's step also says where the code went; the authenticator's
 * step whether it offers "Remember this device").
 */
function stepView(step: PendingStep): BareState {
  switch (step.kind) {
    case 'code-required':
      return { status: step.kind, login: step.login, delivery: step.delivery };
    case 'email-mfa-required':
      return {
        status: step.kind,
        delivery: step.delivery,
        canUseAuthenticator: step.others.includes('totp'),
      };
    case 'totp-required':
      return {
        status: step.kind,
        ...(step.others?.includes('email') === true ? { canUseEmail: true } : {}),
        ...(step.offerRememberDevice === true ? { offerRememberDevice: true } : {}),
      };
    default:
      return { status: step.kind };
  }
}

/** Where a sign-in goes after Cognito answered: the next step it asks for, or in with the tokens. */
function proceed(state: SessionState, answer: SignInAnswer): Step {
  if (answer.kind === 'signed-in') return enter(state, answer.tokens, answer.user, 'cognito');
  return show({ ...state, attempt: { ...state.attempt, challenge: answer } }, stepView(answer));
}

/** Where a failed sign-in leaves the view: where it was, unless that was itself a sign-in in progress. */
function afterFailedSignIn(previous: BareState): BareState {
  const inProgress =
    previous.status === 'signing-in' ||
    previous.status === 'new-password-required' ||
    previous.status === 'totp-required' ||
    previous.status === 'code-required' ||
    previous.status === 'email-mfa-required';
  return inProgress ? signedOut() : previous;
}

/** The end of a sign-out: signed out, with the notice if there is one. */
function signOutDone(state: SessionState, notice?: { code: 'service_unreachable'; message: string }): Step {
  return logged('session: signed out', show(state, signedOut(notice)));
}

/** A step that logs `message` (info) before its own effects. */
function logged(message: string, step: Step): Step {
  return { state: step.state, effects: [{ kind: 'log', level: 'info', message }, ...step.effects] };
}

/** What follows a keychain removal, by why it was asked. */
function entryRemoved(state: SessionState, event: Extract<Result, { type: 'entry-removed' }>): Step {
  const { problem } = event;
  switch (event.purpose) {
    case 'replaced':
    case 'rejected': {
      if (!problem) return stay(state);
      const which = event.purpose === 'replaced' ? 'the replaced' : 'a rejected';
      return {
        state,
        effects: [
          {
            kind: 'log',
            level: 'warn',
            message: `session: could not remove ${which} keychain entry`,
            fields: { kind: problem.kind },
          },
        ],
      };
    }
    case 'restore-rejected':
      return show(
        noted(state, problem),
        signedOut({ code: 'session_expired', message: TEXT.restoreRejected }),
      );
    case 'signed-out-everywhere':
      return logged('session: signed out everywhere', show(noted(state, problem), signedOut()));
    case 'account-deleted':
      return logged('session: account deleted', show(noted(state, problem), signedOut(ACCOUNT_DELETED)));
  }
}

/** What a federated user whose e-mail the pool does not mark verified reads (nobody else's profile opens for them). */
export function unverifiedEmailText(user: User): string {
  const provider =
    user.providerName === undefined ? 'identity provider' : providerDisplayName(user.providerName);
  return `Your ${provider} account does not confirm that ${user.email} is yours, so Gatehouse cannot open a profile for it. Sign in another way you use with that address, or ask whoever runs your ${provider} account to verify your e-mail address.`;
}

/**
 * A federated sign-in whose e-mail is not verified is not let in: profiles are keyed by verified
 * e-mail, so it would otherwise share (or be refused) another person's profile. Its tokens are
 * revoked and the Hosted UI session ended (so the next attempt can choose another account); a
 * session already signed in stays as it was.
 */
function refuseUnverified(state: SessionState, refreshToken: string, user: User): Step {
  const error = new GatehouseError('not_confirmed', unverifiedEmailText(user));
  const effects: Effect[] = [
    { kind: 'revoke-replaced', refreshToken },
    { kind: 'end-hosted-session', background: true },
    fail(error),
  ];
  if (state.account.kind === 'signed-in' || state.account.kind === 'restore-pending')
    return { state, effects };
  const cleared = { ...state, attempt: { ...state.attempt, beforeFederated: undefined } };
  return also(show(cleared, signedOut({ code: error.code, message: error.message })), ...effects);
}
