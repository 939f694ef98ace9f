import { describe, expect, it } from 'vitest';
import { KEYCHAIN_WARNINGS } from '../../../../../src/main/core/keychain/tokenVault';
import type { VaultEntry } from '../../../../../src/main/core/keychain/vaultEntry';
import type { HeldSession } from '../../../../../src/main/core/session/credentials';
import type { Effect } from '../../../../../src/main/core/session/effects';
import { DROPPED_WHEN_STALE, type SessionEvent } from '../../../../../src/main/core/session/events';
import type { PendingStep, SessionState } from '../../../../../src/main/core/session/states';
import { INITIAL_STATE } from '../../../../../src/main/core/session/states';
import { transition } from '../../../../../src/main/core/session/transition';
import { GatehouseError } from '../../../../../src/shared/errors';
import type { User } from '../../../../../src/shared/ipc/contract';
import { ALICE_PROFILE, makeTokens } from '../support/fakes';

/**
 * The session's rules as a table: every state below meets every event below, and the table says
 * what comes of it, as `view account [+gen] [⚠] : effects`. A pair missing from the table fails, so
 * a new state or event cannot slip in untested. `=` marks a state left exactly as it was (the same
 * object); `=` with no effect, or with only the request's failure (`= : fail(code)`) or a log line,
 * is a refusal.
 */

const alice: User = {
  username: 'alice',
  email: 'alice@example.com',
  emailVerified: true,
  provider: 'cognito',
};
const bob: User = { username: 'bob', email: 'bob@example.com', emailVerified: true, provider: 'cognito' };
const aliceTokens = makeTokens('alice', 0);
const bobTokens = makeTokens('bob', 0);
const held: HeldSession = { tokens: aliceTokens, username: 'alice', provider: 'cognito' };
const entry: VaultEntry = {
  refreshToken: aliceTokens.refreshToken,
  username: 'alice',
  provider: 'cognito',
  userPoolId: 'us-east-1_TestPool1',
  clientId: 'testclient',
  savedAt: '2026-01-01T00:00:00.000Z',
};
const facebookCarol: User = {
  username: 'Facebook_1022',
  email: 'carol@example.com',
  emailVerified: false,
  provider: 'facebook',
  providerName: 'Facebook',
};
const carolTokens = makeTokens('Facebook_1022', 0);
const carolHeld: HeldSession = { tokens: carolTokens, username: 'Facebook_1022', provider: 'facebook' };
const complete = async () => ({ kind: 'signed-in' as const, tokens: aliceTokens });
const step = (kind: 'new-password-required' | 'totp-required'): PendingStep => ({ kind, complete });
const delivery = { medium: 'EMAIL' as const, destination: 'a***@e***' };
const codeStep: PendingStep = { kind: 'code-required', login: 'alice', delivery, complete };
const signedInAccount = { kind: 'signed-in' as const, user: alice, held, shown: true };
const switchTo = async () => step('totp-required');
/** The authenticator's code, with Cognito's SELECT_MFA_TYPE also offering an e-mailed code. */
const totpOrEmail: PendingStep = { kind: 'totp-required', complete, others: ['email'], switchTo };
/** An e-mailed second-step code, chosen instead of the authenticator (which it can go back to). */
const emailMfa: PendingStep = { kind: 'email-mfa-required', delivery, others: ['totp'], complete, switchTo };

/** One state of each shape the session can be in. */
const STATES: Record<string, SessionState> = {
  'signed-out': INITIAL_STATE,
  'keychain-locked': {
    ...INITIAL_STATE,
    view: {
      status: 'signed-out',
      notice: { code: 'keychain_unavailable', message: KEYCHAIN_WARNINGS.locked },
    },
    keychainWarning: KEYCHAIN_WARNINGS.locked,
    account: { kind: 'none', keychainUnread: true },
  },
  restoring: { ...INITIAL_STATE, view: { status: 'signing-in', method: 'restore' } },
  'offline-restore': {
    ...INITIAL_STATE,
    view: { status: 'offline' },
    account: { kind: 'restore-pending', entry, retries: 0 },
  },
  'signing-in': { ...INITIAL_STATE, view: { status: 'signing-in', method: 'password' } },
  'new-password': {
    ...INITIAL_STATE,
    view: { status: 'new-password-required' },
    attempt: { challenge: step('new-password-required') },
  },
  totp: {
    ...INITIAL_STATE,
    view: { status: 'totp-required' },
    attempt: { challenge: step('totp-required') },
  },
  code: {
    ...INITIAL_STATE,
    view: { status: 'code-required', login: 'alice', delivery },
    attempt: { challenge: codeStep },
  },
  'sending-code': { ...INITIAL_STATE, view: { status: 'signing-in', method: 'code' } },
  'totp-or-email': {
    ...INITIAL_STATE,
    view: { status: 'totp-required', canUseEmail: true },
    attempt: { challenge: totpOrEmail },
  },
  'email-mfa': {
    ...INITIAL_STATE,
    view: { status: 'email-mfa-required', delivery, canUseAuthenticator: true },
    attempt: { challenge: emailMfa },
  },
  google: {
    ...INITIAL_STATE,
    view: { status: 'signing-in', method: 'federated', provider: 'Google' },
    attempt: { beforeFederated: { status: 'signed-out' } },
  },
  entering: {
    ...INITIAL_STATE,
    view: { status: 'signing-in', method: 'password' },
    account: { ...signedInAccount, shown: false },
    generation: 1,
  },
  'signed-in': {
    ...INITIAL_STATE,
    view: { status: 'signed-in', user: alice, profile: ALICE_PROFILE },
    account: signedInAccount,
    generation: 1,
  },
  onboarding: {
    ...INITIAL_STATE,
    view: { status: 'needs-onboarding', user: alice },
    account: signedInAccount,
    generation: 1,
  },
  'offline-signed-in': {
    ...INITIAL_STATE,
    view: { status: 'offline', user: alice },
    keychainWarning: KEYCHAIN_WARNINGS.unavailable,
    account: signedInAccount,
    generation: 1,
  },
  // A Facebook user whose e-mail Facebook does not vouch for, asked for the mailed code.
  'confirm-email': {
    ...INITIAL_STATE,
    view: { status: 'email-confirmation-required', user: facebookCarol, delivery },
    account: { kind: 'signed-in', user: facebookCarol, held: carolHeld, shown: false },
    generation: 1,
  },
};

/** Every command type (results are listed by DROPPED_WHEN_STALE). */
const COMMAND_TYPES: SessionEvent['type'][] = [
  'restore',
  'retry',
  'retry-due',
  'sign-in',
  'sign-in-with-code',
  'answer-step',
  'switch-step',
  'federated-started',
  'federated-cancelled',
  'federated-linking',
  'federated-returned',
  'federated-failed',
  'sign-out',
  'sign-out-everywhere',
  'write-profile',
  'show-user',
  'account-deleted',
  'send-email-confirmation',
  'confirm-email',
  'dispose',
];

const problem = { kind: 'locked' as const, warning: KEYCHAIN_WARNINGS.locked };

/** One event of each shape (and of each payload that leads somewhere else). */
const EVENTS: Record<string, SessionEvent> = {
  restore: { type: 'restore' },
  retry: { type: 'retry' },
  'retry-due': { type: 'retry-due' },
  'sign-in': { type: 'sign-in', login: 'bob', password: 'Correct-Horse-1' },
  'answer new password': { type: 'answer-step', kind: 'new-password-required', value: 'Better-Pass-2' },
  'answer totp': { type: 'answer-step', kind: 'totp-required', value: '123456' },
  'answer totp remembering device': {
    type: 'answer-step',
    kind: 'totp-required',
    value: '123456',
    rememberDevice: true,
  },
  'federated-started': { type: 'federated-started', provider: 'Google' },
  'federated-cancelled': { type: 'federated-cancelled' },
  'federated-linking': { type: 'federated-linking', provider: 'Google' },
  'federated-returned': {
    type: 'federated-returned',
    tokens: bobTokens,
    user: { ...bob, provider: 'google' },
  },
  'federated-returned unverified': {
    type: 'federated-returned',
    tokens: bobTokens,
    user: { ...bob, provider: 'oidc', providerName: 'Microsoft', emailVerified: false },
  },
  'federated-failed ignored': {
    type: 'federated-failed',
    error: new GatehouseError('no_pending_sign_in', 'x'),
    provider: 'Google',
  },
  'federated-failed cancelled': {
    type: 'federated-failed',
    error: new GatehouseError('cancelled', 'x'),
    provider: 'Google',
  },
  'sign-in-with-code': { type: 'sign-in-with-code', login: 'bob', medium: 'EMAIL' },
  'answer code': { type: 'answer-step', kind: 'code-required', value: '654321' },
  'answer email mfa': { type: 'answer-step', kind: 'email-mfa-required', value: '246810' },
  'switch to email': { type: 'switch-step', method: 'email' },
  'switch to totp': { type: 'switch-step', method: 'totp' },
  'sign-in-answered totp or email': { type: 'sign-in-answered', answer: totpOrEmail },
  'sign-in-answered email mfa': { type: 'sign-in-answered', answer: emailMfa },
  'step-failed wrong email mfa code': {
    type: 'step-failed',
    kind: 'email-mfa-required',
    error: new GatehouseError('code_mismatch', 'x'),
  },
  'sign-out': { type: 'sign-out' },
  'sign-out-everywhere': { type: 'sign-out-everywhere' },
  'write-profile': { type: 'write-profile', change: { kind: 'update', patch: { username: 'alice2' } } },
  // Every state here shows the user its account holds; authSession.test.ts shows a renamed one.
  'show-user': { type: 'show-user' },
  'show-user with profile': { type: 'show-user', profile: ALICE_PROFILE },
  'account-deleted': { type: 'account-deleted' },
  dispose: { type: 'dispose' },
  'keychain-read found': { type: 'keychain-read', read: { status: 'found', entry } },
  'keychain-read empty': { type: 'keychain-read', read: { status: 'empty' } },
  'keychain-read problem': { type: 'keychain-read', read: { status: 'problem', problem } },
  'restore-crashed': { type: 'restore-crashed' },
  'entry-refreshed': { type: 'entry-refreshed', entry, tokens: aliceTokens, user: alice },
  'entry-rejected': { type: 'entry-rejected', entry },
  'entry-unanswered': { type: 'entry-unanswered', entry },
  'sign-in-answered in': {
    type: 'sign-in-answered',
    answer: { kind: 'signed-in', tokens: bobTokens, user: bob },
  },
  'sign-in-answered totp': { type: 'sign-in-answered', answer: step('totp-required') },
  'sign-in-answered code': { type: 'sign-in-answered', answer: codeStep },
  'sign-in-failed': {
    type: 'sign-in-failed',
    error: new GatehouseError('wrong_credentials', 'x'),
    previous: { status: 'signed-out' },
  },
  'sign-in-failed new code': {
    type: 'sign-in-failed',
    error: new GatehouseError('rate_limited', 'x'),
    previous: { status: 'code-required', login: 'alice', delivery },
  },
  'step-failed wrong': {
    type: 'step-failed',
    kind: 'totp-required',
    error: new GatehouseError('code_mismatch', 'x'),
  },
  'step-failed wrong code': {
    type: 'step-failed',
    kind: 'code-required',
    error: new GatehouseError('code_mismatch', 'x'),
  },
  'step-failed expired': {
    type: 'step-failed',
    kind: 'totp-required',
    error: new GatehouseError('session_expired', 'x'),
  },
  'profile-loaded': { type: 'profile-loaded', profile: ALICE_PROFILE },
  'profile-loaded none': { type: 'profile-loaded', profile: null },
  'profile-loaded unreachable': { type: 'profile-loaded', profile: 'unreachable' },
  'entry-saved sign-in problem': { type: 'entry-saved', purpose: 'sign-in', problem },
  'entry-saved rotation ok': { type: 'entry-saved', purpose: 'rotation', problem: undefined },
  'entry-saved retry ok': { type: 'entry-saved', purpose: 'retry', problem: undefined },
  'entry-removed replaced problem': { type: 'entry-removed', purpose: 'replaced', problem },
  'entry-removed rejected ok': { type: 'entry-removed', purpose: 'rejected', problem: undefined },
  'entry-removed restore-rejected': {
    type: 'entry-removed',
    purpose: 'restore-rejected',
    problem: undefined,
  },
  'entry-removed signed-out-everywhere': {
    type: 'entry-removed',
    purpose: 'signed-out-everywhere',
    problem: undefined,
  },
  'entry-removed account-deleted': { type: 'entry-removed', purpose: 'account-deleted', problem: undefined },
  'session-ended': { type: 'session-ended', revokeUnreachable: false, problem: undefined },
  'session-ended unreachable': { type: 'session-ended', revokeUnreachable: true, problem: undefined },
  'signed-out-everywhere': { type: 'signed-out-everywhere', who: { username: 'alice', provider: 'google' } },
  'sign-out-everywhere-failed': {
    type: 'sign-out-everywhere-failed',
    error: new GatehouseError('offline', 'x'),
  },
  'profile-written': { type: 'profile-written', user: alice, profile: ALICE_PROFILE },
  'profile-write-failed': {
    type: 'profile-write-failed',
    error: new GatehouseError('backend_unavailable', 'x'),
  },
  'tokens-refreshed': { type: 'tokens-refreshed', tokens: { ...aliceTokens, idToken: 'new' }, user: alice },
  'tokens-refreshed rotated': { type: 'tokens-refreshed', tokens: bobTokens, user: alice },
  'session-revoked': { type: 'session-revoked', reason: 'access-revoked' },
  'entry-refreshed unverified federated': {
    type: 'entry-refreshed',
    entry: { ...entry, provider: 'facebook' },
    tokens: aliceTokens,
    user: facebookCarol,
  },
  'send-email-confirmation': { type: 'send-email-confirmation' },
  'confirm-email': { type: 'confirm-email', code: '246810' },
  'confirmation-code-sent': { type: 'confirmation-code-sent', delivery },
  'email-confirmed': {
    type: 'email-confirmed',
    tokens: { ...aliceTokens, idToken: 'verified' },
    user: { ...facebookCarol, emailVerified: true },
  },
  'email-confirmed still unverified': { type: 'email-confirmed', tokens: aliceTokens, user: facebookCarol },
  'email-confirmation-failed': {
    type: 'email-confirmation-failed',
    error: new GatehouseError('code_mismatch', 'x'),
  },
};

/** An effect as the table writes it. */
function effectText(effect: Effect): string {
  switch (effect.kind) {
    case 'fail':
      return `fail(${(effect.error as GatehouseError).code})`;
    case 'save-entry':
    case 'remove-entry':
      return `${effect.kind}(${effect.purpose})`;
    case 'complete-step':
      return effect.rememberDevice === true ? 'complete-step(remember)' : effect.kind;
    case 'schedule-retry':
      return `${effect.kind}(${effect.delayMs})`;
    default:
      return effect.kind;
  }
}

/** What one transition did, as the table writes it. */
function outcome(before: SessionState, event: SessionEvent): string {
  const { state, effects } = transition(before, event);
  const effectsText = effects.map(effectText).join(' ');
  if (state === before) return effectsText === '' ? '=' : `= : ${effectsText}`;
  const { view } = state;
  const method = view.status === 'signing-in' ? `/${view.method}` : '';
  const notice = view.status === 'signed-out' && view.notice ? `!${view.notice.code}` : '';
  const gen = state.generation === before.generation ? '' : ` +${state.generation - before.generation}`;
  const warning = state.keychainWarning === undefined ? '' : ' ⚠';
  const account =
    state.account.kind === 'signed-in' && state.account.shown ? 'signed-in(shown)' : state.account.kind;
  return `${view.status}${method}${notice} ${account}${gen}${warning} : ${effectsText}`;
}

/**
 * The table itself, reviewed against the session's rules (the old authSession.ts): per event, the
 * outcome in every state (`*`) and the states where it differs. `view account [+gen] [⚠] : effects`.
 */
const TABLE: Record<string, Record<string, string>> = {
  restore: {
    '*': 'signing-in/restore none : publish read-keychain',
    'keychain-locked': 'signing-in/restore none ⚠ : publish read-keychain',
    'offline-restore': 'signing-in/restore restore-pending : publish read-keychain',
    entering: 'signing-in/restore signed-in : publish read-keychain',
    'signed-in': 'signing-in/restore signed-in(shown) : publish read-keychain',
    onboarding: 'signing-in/restore signed-in(shown) : publish read-keychain',
    'offline-signed-in': 'signing-in/restore signed-in(shown) ⚠ : publish read-keychain',
    'confirm-email': 'signing-in/restore signed-in : publish read-keychain',
  },
  // Only a launch waiting offline retries by itself; everywhere else the timer's news is stale.
  'retry-due': {
    '*': '=',
    'offline-restore': 'offline restore-pending : publish refresh-entry',
  },
  retry: {
    '*': '=',
    'keychain-locked': 'signing-in/restore none ⚠ : publish read-keychain',
    'offline-restore': 'signing-in/restore restore-pending : publish refresh-entry',
    entering: 'signing-in/password signed-in : publish',
    'signed-in': 'signed-in signed-in(shown) : publish',
    onboarding: 'needs-onboarding signed-in(shown) : publish',
    'offline-signed-in': '= : save-entry(retry)',
    'confirm-email': 'email-confirmation-required signed-in : publish',
  },
  'sign-in': {
    '*': 'signing-in/password none : publish cognito-sign-in',
    'keychain-locked': 'signing-in/password none ⚠ : publish cognito-sign-in',
    'offline-restore': 'signing-in/password restore-pending : publish cognito-sign-in',
    entering: 'signing-in/password signed-in : publish cognito-sign-in',
    'signed-in': 'signing-in/password signed-in(shown) : publish cognito-sign-in',
    onboarding: 'signing-in/password signed-in(shown) : publish cognito-sign-in',
    'offline-signed-in': 'signing-in/password signed-in(shown) ⚠ : publish cognito-sign-in',
    'confirm-email': 'signing-in/password signed-in : publish cognito-sign-in',
  },
  'answer new password': {
    '*': '= : fail(not_signed_in)',
    'new-password': 'signing-in/password none : publish complete-step',
  },
  'answer totp': {
    '*': '= : fail(not_signed_in)',
    totp: '= : complete-step',
    'totp-or-email': '= : complete-step',
  },
  'answer totp remembering device': {
    '*': '= : fail(not_signed_in)',
    totp: '= : complete-step(remember)',
    'totp-or-email': '= : complete-step(remember)',
  },
  'federated-started': {
    '*': 'signing-in/federated none : publish',
    'keychain-locked': 'signing-in/federated none ⚠ : publish',
    'offline-restore': 'signing-in/federated restore-pending : publish',
    entering: '=',
    'signed-in': '=',
    onboarding: '=',
    'offline-signed-in': '=',
    'confirm-email': '=',
  },
  'federated-cancelled': {
    '*': '=',
    google: 'signed-out none : publish',
  },
  'federated-linking': {
    '*': '=',
    google: 'signing-in/federated none : publish',
  },
  'federated-returned': {
    '*': 'signed-out signed-in +1 : log fetch-profile save-entry(sign-in)',
    'keychain-locked':
      'signed-out!keychain_unavailable signed-in +1 ⚠ : log fetch-profile save-entry(sign-in)',
    restoring: 'signing-in/restore signed-in +1 : log fetch-profile save-entry(sign-in)',
    'offline-restore':
      'offline signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    'signing-in': 'signing-in/password signed-in +1 : log fetch-profile save-entry(sign-in)',
    'new-password': 'new-password-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    totp: 'totp-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    google: 'signing-in/federated signed-in +1 : log fetch-profile save-entry(sign-in)',
    entering:
      'signing-in/password signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    'signed-in':
      'signed-in signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    onboarding:
      'needs-onboarding signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    'offline-signed-in':
      'offline signed-in +1 ⚠ : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    code: 'code-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'sending-code': 'signing-in/code signed-in +1 : log fetch-profile save-entry(sign-in)',
    'totp-or-email': 'totp-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'email-mfa': 'email-mfa-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'confirm-email':
      'email-confirmation-required signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
  },
  // An unverified federated e-mail never enters: tokens revoked, Hosted UI session ended, a signed-in account kept.
  // An unverified federated e-mail: signed in to the pool, no profile until the mailed code is in;
  // a session already in (or being restored) is never replaced by one that must confirm first.
  'federated-returned unverified': {
    '*': 'email-confirmation-required signed-in +1 : publish log save-entry(sign-in) send-confirmation-code',
    'keychain-locked':
      'email-confirmation-required signed-in +1 ⚠ : publish log save-entry(sign-in) send-confirmation-code',
    'offline-restore': '= : revoke-replaced end-hosted-session fail(not_confirmed)',
    entering: '= : revoke-replaced end-hosted-session fail(not_confirmed)',
    'signed-in': '= : revoke-replaced end-hosted-session fail(not_confirmed)',
    onboarding: '= : revoke-replaced end-hosted-session fail(not_confirmed)',
    'offline-signed-in': '= : revoke-replaced end-hosted-session fail(not_confirmed)',
    'confirm-email': '= : revoke-replaced end-hosted-session fail(not_confirmed)',
  },
  // A stale tab's sign-in reaching an app that waits for none: said on the sign-in screen only.
  'federated-failed ignored': {
    '*': '=',
    'signed-out': 'signed-out!no_pending_sign_in none : publish',
    'keychain-locked': 'signed-out!no_pending_sign_in none ⚠ : publish',
  },
  'federated-failed cancelled': {
    '*': 'signed-out!cancelled none : publish',
    'keychain-locked': 'signed-out!cancelled none ⚠ : publish',
    'offline-restore': '=',
    entering: '=',
    'signed-in': '=',
    onboarding: '=',
    'offline-signed-in': '=',
    'confirm-email': '=',
  },
  'sign-out': {
    '*': 'signed-out none +1 : log publish',
    'keychain-locked': 'signed-out none +1 ⚠ : log publish',
    'offline-restore': 'offline none +1 : end-session',
    entering: 'signing-in/password none +1 : end-session',
    'signed-in': 'signed-in none +1 : end-session',
    onboarding: 'needs-onboarding none +1 : end-session',
    'offline-signed-in': 'offline none +1 ⚠ : end-session',
    'confirm-email': 'email-confirmation-required none +1 : end-hosted-session end-session',
  },
  'sign-out-everywhere': {
    '*': '= : fail(not_signed_in)',
    entering: '= : global-sign-out',
    'signed-in': '= : global-sign-out',
    onboarding: '= : global-sign-out',
    'offline-signed-in': '= : global-sign-out',
    'confirm-email': '= : global-sign-out',
  },
  'write-profile': {
    '*': '= : fail(not_signed_in)',
    entering: '= : send-profile',
    'signed-in': '= : send-profile',
    onboarding: '= : send-profile',
    'offline-signed-in': '= : send-profile',
    'confirm-email': '= : fail(not_confirmed)',
  },
  'show-user': {
    '*': '=',
  },
  // After an e-mail change the profile is read again; only a signed-in screen shows one.
  'show-user with profile': {
    '*': '=',
    'signed-in': 'signed-in signed-in(shown) : publish',
  },
  // Cognito already ended every token: the entry is removed (nothing revoked), and a held account is forgotten.
  'account-deleted': {
    '*': 'signed-out!account_deleted none +1 : publish',
    'keychain-locked': 'signed-out!account_deleted none +1 ⚠ : publish',
    'offline-restore': 'offline none +1 : remove-entry(account-deleted)',
    entering: 'signing-in/password none +1 : remove-entry(account-deleted)',
    'signed-in': 'signed-in none +1 : remove-entry(account-deleted)',
    onboarding: 'needs-onboarding none +1 : remove-entry(account-deleted)',
    'offline-signed-in': 'offline none +1 ⚠ : remove-entry(account-deleted)',
    'confirm-email': 'email-confirmation-required none +1 : remove-entry(account-deleted) end-hosted-session',
  },
  dispose: {
    '*': 'signing-in/password none +1 : ',
    'signed-out': 'signed-out none +1 : ',
    'keychain-locked': 'signed-out!keychain_unavailable none +1 ⚠ : ',
    restoring: 'signing-in/restore none +1 : ',
    'offline-restore': 'offline none +1 : ',
    'new-password': 'new-password-required none +1 : ',
    totp: 'totp-required none +1 : ',
    google: 'signing-in/federated none +1 : ',
    'signed-in': 'signed-in none +1 : ',
    onboarding: 'needs-onboarding none +1 : ',
    'offline-signed-in': 'offline none +1 ⚠ : ',
    code: 'code-required none +1 : ',
    'sending-code': 'signing-in/code none +1 : ',
    'totp-or-email': 'totp-required none +1 : ',
    'email-mfa': 'email-mfa-required none +1 : ',
    'confirm-email': 'email-confirmation-required none +1 : ',
  },
  'keychain-read found': {
    '*': 'signed-out none : refresh-entry',
    'keychain-locked': 'signed-out!keychain_unavailable none : refresh-entry',
    restoring: 'signing-in/restore none : refresh-entry',
    'offline-restore': 'offline none : refresh-entry',
    'signing-in': 'signing-in/password none : refresh-entry',
    'new-password': 'new-password-required none : refresh-entry',
    totp: 'totp-required none : refresh-entry',
    google: 'signing-in/federated none : refresh-entry',
    entering: 'signing-in/password signed-in : refresh-entry',
    'signed-in': 'signed-in signed-in(shown) : refresh-entry',
    onboarding: 'needs-onboarding signed-in(shown) : refresh-entry',
    'offline-signed-in': 'offline signed-in(shown) : refresh-entry',
    code: 'code-required none : refresh-entry',
    'sending-code': 'signing-in/code none : refresh-entry',
    'totp-or-email': 'totp-required none : refresh-entry',
    'email-mfa': 'email-mfa-required none : refresh-entry',
    'confirm-email': 'email-confirmation-required signed-in : refresh-entry',
  },
  'keychain-read empty': {
    '*': 'signed-out none : publish',
    entering: 'signed-out signed-in : publish',
    'signed-in': 'signed-out signed-in(shown) : publish',
    onboarding: 'signed-out signed-in(shown) : publish',
    'offline-signed-in': 'signed-out signed-in(shown) : publish',
    'confirm-email': 'signed-out signed-in : publish',
  },
  'keychain-read problem': {
    '*': 'signed-out!keychain_unavailable none ⚠ : publish',
    entering: 'signed-out!keychain_unavailable signed-in ⚠ : publish',
    'signed-in': 'signed-out!keychain_unavailable signed-in(shown) ⚠ : publish',
    onboarding: 'signed-out!keychain_unavailable signed-in(shown) ⚠ : publish',
    'offline-signed-in': 'signed-out!keychain_unavailable signed-in(shown) ⚠ : publish',
    'confirm-email': 'signed-out!keychain_unavailable signed-in ⚠ : publish',
  },
  'restore-crashed': {
    '*': '=',
    restoring: 'signed-out!internal none : publish',
    'signing-in': 'signed-out!internal none : publish',
    google: 'signed-out!internal none : publish',
    entering: 'signed-out!internal signed-in : publish',
    'sending-code': 'signed-out!internal none : publish',
  },
  'entry-refreshed': {
    '*': 'signing-in/password signed-in +1 : log fetch-profile save-entry(sign-in)',
    'signed-out': 'signed-out signed-in +1 : log fetch-profile save-entry(sign-in)',
    'keychain-locked':
      'signed-out!keychain_unavailable signed-in +1 ⚠ : log fetch-profile save-entry(sign-in)',
    restoring: 'signing-in/restore signed-in +1 : log fetch-profile save-entry(sign-in)',
    'offline-restore': 'offline signed-in +1 : log fetch-profile save-entry(sign-in)',
    'new-password': 'new-password-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    totp: 'totp-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    google: 'signing-in/federated signed-in +1 : log fetch-profile save-entry(sign-in)',
    'signed-in': 'signed-in signed-in +1 : log fetch-profile save-entry(sign-in)',
    onboarding: 'needs-onboarding signed-in +1 : log fetch-profile save-entry(sign-in)',
    'offline-signed-in': 'offline signed-in +1 ⚠ : log fetch-profile save-entry(sign-in)',
    code: 'code-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'sending-code': 'signing-in/code signed-in +1 : log fetch-profile save-entry(sign-in)',
    'totp-or-email': 'totp-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'email-mfa': 'email-mfa-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'confirm-email': 'email-confirmation-required signed-in +1 : log fetch-profile save-entry(sign-in)',
  },
  'entry-rejected': {
    '*': 'signing-in/password none +1 : log remove-entry(restore-rejected)',
    'signed-out': 'signed-out none +1 : log remove-entry(restore-rejected)',
    'keychain-locked': 'signed-out!keychain_unavailable none +1 ⚠ : log remove-entry(restore-rejected)',
    restoring: 'signing-in/restore none +1 : log remove-entry(restore-rejected)',
    'offline-restore': 'offline none +1 : log remove-entry(restore-rejected)',
    'new-password': 'new-password-required none +1 : log remove-entry(restore-rejected)',
    totp: 'totp-required none +1 : log remove-entry(restore-rejected)',
    google: 'signing-in/federated none +1 : log remove-entry(restore-rejected)',
    'signed-in': 'signed-in none +1 : log remove-entry(restore-rejected)',
    onboarding: 'needs-onboarding none +1 : log remove-entry(restore-rejected)',
    'offline-signed-in': 'offline none +1 ⚠ : log remove-entry(restore-rejected)',
    code: 'code-required none +1 : log remove-entry(restore-rejected)',
    'sending-code': 'signing-in/code none +1 : log remove-entry(restore-rejected)',
    'totp-or-email': 'totp-required none +1 : log remove-entry(restore-rejected)',
    'email-mfa': 'email-mfa-required none +1 : log remove-entry(restore-rejected)',
    'confirm-email': 'email-confirmation-required none +1 : log remove-entry(restore-rejected)',
  },
  'entry-unanswered': {
    '*': 'offline restore-pending : publish schedule-retry(1000)',
    'keychain-locked': 'offline restore-pending ⚠ : publish schedule-retry(1000)',
    'offline-signed-in': 'offline restore-pending ⚠ : publish schedule-retry(1000)',
    // The second miss in a row waits twice as long.
    'offline-restore': 'offline restore-pending : publish schedule-retry(2000)',
  },
  'sign-in-answered in': {
    '*': 'signed-out signed-in +1 : log fetch-profile save-entry(sign-in)',
    code: 'code-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'sending-code': 'signing-in/code signed-in +1 : log fetch-profile save-entry(sign-in)',
    'keychain-locked':
      'signed-out!keychain_unavailable signed-in +1 ⚠ : log fetch-profile save-entry(sign-in)',
    restoring: 'signing-in/restore signed-in +1 : log fetch-profile save-entry(sign-in)',
    'offline-restore':
      'offline signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    'signing-in': 'signing-in/password signed-in +1 : log fetch-profile save-entry(sign-in)',
    'new-password': 'new-password-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    totp: 'totp-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    google: 'signing-in/federated signed-in +1 : log fetch-profile save-entry(sign-in)',
    entering:
      'signing-in/password signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    'signed-in':
      'signed-in signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    onboarding:
      'needs-onboarding signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    'offline-signed-in':
      'offline signed-in +1 ⚠ : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
    'totp-or-email': 'totp-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'email-mfa': 'email-mfa-required signed-in +1 : log fetch-profile save-entry(sign-in)',
    'confirm-email':
      'email-confirmation-required signed-in +1 : log remove-entry(replaced) fetch-profile save-entry(sign-in) revoke-replaced',
  },
  'sign-in-answered totp': {
    '*': 'totp-required none : publish',
    'keychain-locked': 'totp-required none ⚠ : publish',
    'offline-restore': 'totp-required restore-pending : publish',
    entering: 'totp-required signed-in : publish',
    'signed-in': 'totp-required signed-in(shown) : publish',
    onboarding: 'totp-required signed-in(shown) : publish',
    'offline-signed-in': 'totp-required signed-in(shown) ⚠ : publish',
    'confirm-email': 'totp-required signed-in : publish',
  },
  'sign-in-failed': {
    '*': 'signed-out none : publish fail(wrong_credentials)',
    'keychain-locked': 'signed-out none ⚠ : publish fail(wrong_credentials)',
    'offline-restore': 'signed-out restore-pending : publish fail(wrong_credentials)',
    entering: 'signed-out signed-in : publish fail(wrong_credentials)',
    'signed-in': 'signed-out signed-in(shown) : publish fail(wrong_credentials)',
    onboarding: 'signed-out signed-in(shown) : publish fail(wrong_credentials)',
    'offline-signed-in': 'signed-out signed-in(shown) ⚠ : publish fail(wrong_credentials)',
    'confirm-email': 'signed-out signed-in : publish fail(wrong_credentials)',
  },
  'step-failed wrong': {
    '*': 'totp-required none : publish fail(code_mismatch)',
    'keychain-locked': 'totp-required none ⚠ : publish fail(code_mismatch)',
    'offline-restore': 'totp-required restore-pending : publish fail(code_mismatch)',
    entering: 'totp-required signed-in : publish fail(code_mismatch)',
    'signed-in': 'totp-required signed-in(shown) : publish fail(code_mismatch)',
    onboarding: 'totp-required signed-in(shown) : publish fail(code_mismatch)',
    'offline-signed-in': 'totp-required signed-in(shown) ⚠ : publish fail(code_mismatch)',
    'confirm-email': 'totp-required signed-in : publish fail(code_mismatch)',
  },
  'step-failed expired': {
    '*': 'signed-out!session_expired none : publish fail(session_expired)',
    'keychain-locked': 'signed-out!session_expired none ⚠ : publish fail(session_expired)',
    'offline-restore': 'signed-out!session_expired restore-pending : publish fail(session_expired)',
    entering: 'signed-out!session_expired signed-in : publish fail(session_expired)',
    'signed-in': 'signed-out!session_expired signed-in(shown) : publish fail(session_expired)',
    onboarding: 'signed-out!session_expired signed-in(shown) : publish fail(session_expired)',
    'offline-signed-in': 'signed-out!session_expired signed-in(shown) ⚠ : publish fail(session_expired)',
    'confirm-email': 'signed-out!session_expired signed-in : publish fail(session_expired)',
  },
  'profile-loaded': {
    '*': '=',
    entering: 'signed-in signed-in(shown) : publish',
    'signed-in': 'signed-in signed-in(shown) : publish',
    onboarding: 'signed-in signed-in(shown) : publish',
    'offline-signed-in': 'signed-in signed-in(shown) ⚠ : publish',
    'confirm-email': 'signed-in signed-in(shown) : publish',
  },
  'profile-loaded none': {
    '*': '=',
    entering: 'needs-onboarding signed-in(shown) : publish',
    'signed-in': 'needs-onboarding signed-in(shown) : publish',
    onboarding: 'needs-onboarding signed-in(shown) : publish',
    'offline-signed-in': 'needs-onboarding signed-in(shown) ⚠ : publish',
    'confirm-email': 'needs-onboarding signed-in(shown) : publish',
  },
  'profile-loaded unreachable': {
    '*': '=',
    entering: 'offline signed-in(shown) : publish',
    'signed-in': 'offline signed-in(shown) : publish',
    onboarding: 'offline signed-in(shown) : publish',
    'offline-signed-in': 'offline signed-in(shown) ⚠ : publish',
    'confirm-email': 'offline signed-in(shown) : publish',
  },
  'entry-saved sign-in problem': {
    '*': 'signed-out none ⚠ : ',
    'keychain-locked': 'signed-out!keychain_unavailable none ⚠ : ',
    restoring: 'signing-in/restore none ⚠ : ',
    'offline-restore': 'offline restore-pending ⚠ : ',
    'signing-in': 'signing-in/password none ⚠ : ',
    'new-password': 'new-password-required none ⚠ : ',
    totp: 'totp-required none ⚠ : ',
    google: 'signing-in/federated none ⚠ : ',
    entering: 'signing-in/password signed-in ⚠ : ',
    'signed-in': 'signed-in signed-in(shown) ⚠ : publish',
    onboarding: 'needs-onboarding signed-in(shown) ⚠ : publish',
    'offline-signed-in': 'offline signed-in(shown) ⚠ : publish',
    code: 'code-required none ⚠ : ',
    'sending-code': 'signing-in/code none ⚠ : ',
    'totp-or-email': 'totp-required none ⚠ : ',
    'email-mfa': 'email-mfa-required none ⚠ : ',
    'confirm-email': 'email-confirmation-required signed-in ⚠ : ',
  },
  'entry-saved rotation ok': {
    '*': 'signed-out none : ',
    'keychain-locked': 'signed-out!keychain_unavailable none : ',
    restoring: 'signing-in/restore none : ',
    'offline-restore': 'offline restore-pending : ',
    'signing-in': 'signing-in/password none : ',
    'new-password': 'new-password-required none : ',
    totp: 'totp-required none : ',
    google: 'signing-in/federated none : ',
    entering: 'signing-in/password signed-in : ',
    'signed-in': 'signed-in signed-in(shown) : ',
    onboarding: 'needs-onboarding signed-in(shown) : ',
    'offline-signed-in': 'offline signed-in(shown) : ',
    code: 'code-required none : ',
    'sending-code': 'signing-in/code none : ',
    'totp-or-email': 'totp-required none : ',
    'email-mfa': 'email-mfa-required none : ',
    'confirm-email': 'email-confirmation-required signed-in : ',
  },
  'entry-saved retry ok': {
    '*': 'signed-out none : ',
    'keychain-locked': 'signed-out!keychain_unavailable none : ',
    restoring: 'signing-in/restore none : ',
    'offline-restore': 'offline restore-pending : ',
    'signing-in': 'signing-in/password none : ',
    'new-password': 'new-password-required none : ',
    totp: 'totp-required none : ',
    google: 'signing-in/federated none : ',
    entering: 'signing-in/password signed-in : publish',
    'signed-in': 'signed-in signed-in(shown) : publish',
    onboarding: 'needs-onboarding signed-in(shown) : publish',
    'offline-signed-in': 'offline signed-in(shown) : fetch-profile',
    code: 'code-required none : ',
    'sending-code': 'signing-in/code none : ',
    'totp-or-email': 'totp-required none : ',
    'email-mfa': 'email-mfa-required none : ',
    'confirm-email': 'email-confirmation-required signed-in : publish',
  },
  'entry-removed replaced problem': {
    '*': '= : log',
  },
  'entry-removed rejected ok': {
    '*': '=',
  },
  'entry-removed restore-rejected': {
    '*': 'signed-out!session_expired none : publish',
    'offline-restore': 'signed-out!session_expired restore-pending : publish',
    entering: 'signed-out!session_expired signed-in : publish',
    'signed-in': 'signed-out!session_expired signed-in(shown) : publish',
    onboarding: 'signed-out!session_expired signed-in(shown) : publish',
    'offline-signed-in': 'signed-out!session_expired signed-in(shown) : publish',
    'confirm-email': 'signed-out!session_expired signed-in : publish',
  },
  'entry-removed signed-out-everywhere': {
    '*': 'signed-out none : log publish',
    'offline-restore': 'signed-out restore-pending : log publish',
    entering: 'signed-out signed-in : log publish',
    'signed-in': 'signed-out signed-in(shown) : log publish',
    onboarding: 'signed-out signed-in(shown) : log publish',
    'offline-signed-in': 'signed-out signed-in(shown) : log publish',
    'confirm-email': 'signed-out signed-in : log publish',
  },
  'entry-removed account-deleted': {
    '*': 'signed-out!account_deleted none : log publish',
    'offline-restore': 'signed-out!account_deleted restore-pending : log publish',
    entering: 'signed-out!account_deleted signed-in : log publish',
    'signed-in': 'signed-out!account_deleted signed-in(shown) : log publish',
    onboarding: 'signed-out!account_deleted signed-in(shown) : log publish',
    'offline-signed-in': 'signed-out!account_deleted signed-in(shown) : log publish',
    'confirm-email': 'signed-out!account_deleted signed-in : log publish',
  },
  'session-ended': {
    '*': 'signed-out none : log publish',
    'offline-restore': 'signed-out restore-pending : log publish',
    entering: 'signed-out signed-in : log publish',
    'signed-in': 'signed-out signed-in(shown) : log publish',
    onboarding: 'signed-out signed-in(shown) : log publish',
    'offline-signed-in': 'signed-out signed-in(shown) : log publish',
    'confirm-email': 'signed-out signed-in : log publish',
  },
  'session-ended unreachable': {
    '*': 'signed-out!service_unreachable none : log publish',
    'offline-restore': 'signed-out!service_unreachable restore-pending : log publish',
    entering: 'signed-out!service_unreachable signed-in : log publish',
    'signed-in': 'signed-out!service_unreachable signed-in(shown) : log publish',
    onboarding: 'signed-out!service_unreachable signed-in(shown) : log publish',
    'offline-signed-in': 'signed-out!service_unreachable signed-in(shown) : log publish',
    'confirm-email': 'signed-out!service_unreachable signed-in : log publish',
  },
  'signed-out-everywhere': {
    '*': 'signing-in/password none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'signed-out': 'signed-out none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'keychain-locked':
      'signed-out!keychain_unavailable none +1 ⚠ : remove-entry(signed-out-everywhere) end-hosted-session',
    restoring: 'signing-in/restore none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'offline-restore': 'offline none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'new-password': 'new-password-required none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    totp: 'totp-required none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    google: 'signing-in/federated none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'signed-in': 'signed-in none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    onboarding: 'needs-onboarding none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'offline-signed-in': 'offline none +1 ⚠ : remove-entry(signed-out-everywhere) end-hosted-session',
    code: 'code-required none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'sending-code': 'signing-in/code none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'totp-or-email': 'totp-required none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'email-mfa': 'email-mfa-required none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
    'confirm-email':
      'email-confirmation-required none +1 : remove-entry(signed-out-everywhere) end-hosted-session',
  },
  'sign-out-everywhere-failed': {
    '*': '= : fail(offline)',
  },
  'profile-written': {
    '*': '=',
    entering: 'signed-in signed-in : publish',
    'signed-in': 'signed-in signed-in(shown) : publish',
    onboarding: 'signed-in signed-in(shown) : publish',
    'offline-signed-in': 'signed-in signed-in(shown) ⚠ : publish',
    'confirm-email': 'signed-in signed-in : publish',
  },
  'profile-write-failed': {
    '*': '= : fail(backend_unavailable)',
  },
  'tokens-refreshed': {
    '*': '=',
    entering: 'signing-in/password signed-in : ',
    'signed-in': 'signed-in signed-in(shown) : ',
    onboarding: 'needs-onboarding signed-in(shown) : ',
    'offline-signed-in': 'offline signed-in(shown) ⚠ : ',
    'confirm-email': 'email-confirmation-required signed-in : save-entry(rotation)',
  },
  'tokens-refreshed rotated': {
    '*': '=',
    entering: 'signing-in/password signed-in : save-entry(rotation)',
    'signed-in': 'signed-in signed-in(shown) : save-entry(rotation)',
    onboarding: 'needs-onboarding signed-in(shown) : save-entry(rotation)',
    'offline-signed-in': 'offline signed-in(shown) ⚠ : save-entry(rotation)',
    'confirm-email': 'email-confirmation-required signed-in : save-entry(rotation)',
  },
  'session-revoked': {
    '*': '=',
    entering: 'signed-out!session_expired none +1 : publish log remove-entry(rejected)',
    'signed-in': 'signed-out!session_expired none +1 : publish log remove-entry(rejected)',
    onboarding: 'signed-out!session_expired none +1 : publish log remove-entry(rejected)',
    'offline-signed-in': 'signed-out!session_expired none +1 ⚠ : publish log remove-entry(rejected)',
    'confirm-email': 'signed-out!session_expired none +1 : publish log remove-entry(rejected)',
  },
  'sign-in-with-code': {
    '*': 'signing-in/code none : publish cognito-code-sign-in',
    code: '= : cognito-code-sign-in',
    'keychain-locked': 'signing-in/code none ⚠ : publish cognito-code-sign-in',
    'offline-restore': 'signing-in/code restore-pending : publish cognito-code-sign-in',
    entering: 'signing-in/code signed-in : publish cognito-code-sign-in',
    'signed-in': 'signing-in/code signed-in(shown) : publish cognito-code-sign-in',
    onboarding: 'signing-in/code signed-in(shown) : publish cognito-code-sign-in',
    'offline-signed-in': 'signing-in/code signed-in(shown) ⚠ : publish cognito-code-sign-in',
    'confirm-email': 'signing-in/code signed-in : publish cognito-code-sign-in',
  },
  'answer code': {
    '*': '= : fail(not_signed_in)',
    code: '= : complete-step',
  },
  'sign-in-answered code': {
    '*': 'code-required none : publish',
    'keychain-locked': 'code-required none ⚠ : publish',
    'offline-restore': 'code-required restore-pending : publish',
    entering: 'code-required signed-in : publish',
    'signed-in': 'code-required signed-in(shown) : publish',
    onboarding: 'code-required signed-in(shown) : publish',
    'offline-signed-in': 'code-required signed-in(shown) ⚠ : publish',
    'confirm-email': 'code-required signed-in : publish',
  },
  'step-failed wrong code': {
    '*': 'signed-out none : publish fail(code_mismatch)',
    'keychain-locked': 'signed-out!keychain_unavailable none ⚠ : publish fail(code_mismatch)',
    restoring: 'signing-in/restore none : publish fail(code_mismatch)',
    'offline-restore': 'offline restore-pending : publish fail(code_mismatch)',
    'signing-in': 'signing-in/password none : publish fail(code_mismatch)',
    'new-password': 'new-password-required none : publish fail(code_mismatch)',
    totp: 'totp-required none : publish fail(code_mismatch)',
    code: 'code-required none : publish fail(code_mismatch)',
    'sending-code': 'signing-in/code none : publish fail(code_mismatch)',
    google: 'signing-in/federated none : publish fail(code_mismatch)',
    entering: 'signing-in/password signed-in : publish fail(code_mismatch)',
    'signed-in': 'signed-in signed-in(shown) : publish fail(code_mismatch)',
    onboarding: 'needs-onboarding signed-in(shown) : publish fail(code_mismatch)',
    'offline-signed-in': 'offline signed-in(shown) ⚠ : publish fail(code_mismatch)',
    'totp-or-email': 'totp-required none : publish fail(code_mismatch)',
    'email-mfa': 'email-mfa-required none : publish fail(code_mismatch)',
    'confirm-email': 'email-confirmation-required signed-in : publish fail(code_mismatch)',
  },
  // A new code asked from the code step that could not be sent: the step (and its earlier code) stays.
  'sign-in-failed new code': {
    '*': 'signed-out none : publish fail(rate_limited)',
    'keychain-locked': 'signed-out none ⚠ : publish fail(rate_limited)',
    'offline-restore': 'signed-out restore-pending : publish fail(rate_limited)',
    code: 'code-required none : publish fail(rate_limited)',
    entering: 'signed-out signed-in : publish fail(rate_limited)',
    'signed-in': 'signed-out signed-in(shown) : publish fail(rate_limited)',
    onboarding: 'signed-out signed-in(shown) : publish fail(rate_limited)',
    'offline-signed-in': 'signed-out signed-in(shown) ⚠ : publish fail(rate_limited)',
    'confirm-email': 'signed-out signed-in : publish fail(rate_limited)',
  },
  // A restored federated session whose e-mail was never confirmed asks for the code again.
  'entry-refreshed unverified federated': {
    '*': 'email-confirmation-required signed-in +1 : publish log save-entry(sign-in) send-confirmation-code',
    'keychain-locked':
      'email-confirmation-required signed-in +1 ⚠ : publish log save-entry(sign-in) send-confirmation-code',
    'offline-signed-in':
      'email-confirmation-required signed-in +1 ⚠ : publish log save-entry(sign-in) send-confirmation-code',
  },
  'send-email-confirmation': {
    '*': '= : fail(not_signed_in)',
    'confirm-email': '= : send-confirmation-code',
  },
  'confirm-email': {
    '*': '= : fail(not_signed_in)',
    'confirm-email': '= : verify-email',
  },
  'confirmation-code-sent': {
    '*': '=',
    'confirm-email': 'email-confirmation-required signed-in : publish',
  },
  'email-confirmed': {
    '*': '=',
    'confirm-email': 'email-confirmation-required signed-in : fetch-profile save-entry(rotation)',
  },
  'email-confirmed still unverified': {
    '*': '=',
  },
  'email-confirmation-failed': {
    '*': '= : fail(code_mismatch)',
  },
  // E-mail as the second step (SELECT_MFA_TYPE): the e-mailed code, switching to it and back, a wrong code.
  'answer email mfa': {
    '*': '= : fail(not_signed_in)',
    'email-mfa': '= : complete-step',
  },
  'switch to email': {
    '*': '= : fail(not_signed_in)',
    totp: '= : fail(invalid_request)',
    'totp-or-email': '= : switch-step',
    'email-mfa': '= : switch-step',
  },
  'switch to totp': {
    '*': '= : fail(not_signed_in)',
    totp: '= : fail(invalid_request)',
    'totp-or-email': '= : fail(invalid_request)',
    'email-mfa': '= : switch-step',
  },
  'sign-in-answered totp or email': {
    '*': 'totp-required none : publish',
    'keychain-locked': 'totp-required none ⚠ : publish',
    'offline-restore': 'totp-required restore-pending : publish',
    entering: 'totp-required signed-in : publish',
    'signed-in': 'totp-required signed-in(shown) : publish',
    onboarding: 'totp-required signed-in(shown) : publish',
    'offline-signed-in': 'totp-required signed-in(shown) ⚠ : publish',
    'confirm-email': 'totp-required signed-in : publish',
  },
  'sign-in-answered email mfa': {
    '*': 'email-mfa-required none : publish',
    'keychain-locked': 'email-mfa-required none ⚠ : publish',
    'offline-restore': 'email-mfa-required restore-pending : publish',
    entering: 'email-mfa-required signed-in : publish',
    'signed-in': 'email-mfa-required signed-in(shown) : publish',
    onboarding: 'email-mfa-required signed-in(shown) : publish',
    'offline-signed-in': 'email-mfa-required signed-in(shown) ⚠ : publish',
    'confirm-email': 'email-mfa-required signed-in : publish',
  },
  'step-failed wrong email mfa code': {
    '*': 'totp-required none : publish fail(code_mismatch)',
    'signed-out': 'signed-out none : publish fail(code_mismatch)',
    'keychain-locked': 'signed-out!keychain_unavailable none ⚠ : publish fail(code_mismatch)',
    restoring: 'signing-in/restore none : publish fail(code_mismatch)',
    'offline-restore': 'offline restore-pending : publish fail(code_mismatch)',
    'signing-in': 'signing-in/password none : publish fail(code_mismatch)',
    'new-password': 'new-password-required none : publish fail(code_mismatch)',
    code: 'code-required none : publish fail(code_mismatch)',
    'sending-code': 'signing-in/code none : publish fail(code_mismatch)',
    'email-mfa': 'email-mfa-required none : publish fail(code_mismatch)',
    google: 'signing-in/federated none : publish fail(code_mismatch)',
    entering: 'signing-in/password signed-in : publish fail(code_mismatch)',
    'signed-in': 'signed-in signed-in(shown) : publish fail(code_mismatch)',
    onboarding: 'needs-onboarding signed-in(shown) : publish fail(code_mismatch)',
    'offline-signed-in': 'offline signed-in(shown) ⚠ : publish fail(code_mismatch)',
    'confirm-email': 'email-confirmation-required signed-in : publish fail(code_mismatch)',
  },
};

/** Freezes a state all the way down, so a transition that mutates its input throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('session transition table', () => {
  for (const state of Object.values(STATES)) deepFreeze(state);

  for (const [eventName, event] of Object.entries(EVENTS)) {
    it(`${eventName}: every state goes where the table says`, () => {
      const row = TABLE[eventName];
      expect(row, `no row for ${eventName}`).toBeDefined();
      const expected = Object.fromEntries(
        Object.keys(STATES).map((name) => [name, row?.[name] ?? row?.['*'] ?? 'missing from the table']),
      );
      const actual = Object.fromEntries(
        Object.entries(STATES).map(([name, state]) => [name, outcome(state, event)]),
      );
      expect(actual).toEqual(expected);
    });
  }

  it('names only states and events that exist (no stale rows)', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(EVENTS).sort());
    for (const row of Object.values(TABLE))
      for (const name of Object.keys(row)) expect(['*', ...Object.keys(STATES)]).toContain(name);
  });

  it('covers every event type the session knows', () => {
    const types = new Set(Object.values(EVENTS).map((event) => event.type));
    expect([...types].sort()).toEqual([...COMMAND_TYPES, ...Object.keys(DROPPED_WHEN_STALE)].sort());
  });

  it('a refusal changes nothing: the same state object, no effect but the failure', () => {
    for (const [eventName, row] of Object.entries(TABLE)) {
      const event = EVENTS[eventName] as SessionEvent;
      for (const [name, state] of Object.entries(STATES)) {
        const expected = row[name] ?? row['*'] ?? '';
        // `=` alone, or with only the request's failure or a log line: the event is refused.
        if (!/^=( : (fail\(\w+\)|log))?$/.test(expected)) continue;
        const step = transition(state, event);
        expect(step.state, `${eventName} in ${name}`).toBe(state);
        expect(step.effects.every((effect) => effect.kind === 'fail' || effect.kind === 'log')).toBe(true);
      }
    }
  });

  it('is deterministic: the same state and event give the same step', () => {
    for (const event of Object.values(EVENTS))
      for (const state of Object.values(STATES))
        expect(transition(state, event)).toEqual(transition(state, event));
  });
});

describe('remembered devices on the authenticator step', () => {
  it('a step that offers "Remember this device" says so in its view; one that does not, does not', () => {
    const offering: PendingStep = { kind: 'totp-required', offerRememberDevice: true, complete };
    const shown = transition(INITIAL_STATE, { type: 'sign-in-answered', answer: offering }).state.view;
    expect(shown).toEqual({ status: 'totp-required', offerRememberDevice: true });
    const plain = transition(INITIAL_STATE, { type: 'sign-in-answered', answer: step('totp-required') });
    expect(plain.state.view).toEqual({ status: 'totp-required' });
  });

  it('"Remember this device" reaches the step only with the authenticator code', () => {
    const waiting = STATES.totp as SessionState;
    const remembered = transition(waiting, EVENTS['answer totp remembering device'] as SessionEvent);
    expect(remembered.effects).toEqual([
      { kind: 'complete-step', step: waiting.attempt.challenge, value: '123456', rememberDevice: true },
    ]);
    const plain = transition(waiting, EVENTS['answer totp'] as SessionEvent);
    expect(plain.effects).toEqual([
      { kind: 'complete-step', step: waiting.attempt.challenge, value: '123456' },
    ]);
  });
});

describe('second-step views', () => {
  it('an authenticator step that SELECT_MFA_TYPE lets switch says so; one that cannot does not', () => {
    const offered = transition(INITIAL_STATE, { type: 'sign-in-answered', answer: totpOrEmail });
    expect(offered.state.view).toEqual({ status: 'totp-required', canUseEmail: true });
    const only = transition(INITIAL_STATE, { type: 'sign-in-answered', answer: step('totp-required') });
    expect(only.state.view).toEqual({ status: 'totp-required' });
  });

  it('an e-mailed second step shows where the code went and whether the authenticator is the way back', () => {
    const chosen = transition(INITIAL_STATE, { type: 'sign-in-answered', answer: emailMfa });
    expect(chosen.state.view).toEqual({ status: 'email-mfa-required', delivery, canUseAuthenticator: true });
    const alone: PendingStep = { ...emailMfa, others: [] } as PendingStep;
    const direct = transition(INITIAL_STATE, { type: 'sign-in-answered', answer: alone });
    expect(direct.state.view).toEqual({ status: 'email-mfa-required', delivery, canUseAuthenticator: false });
  });

  it('a switch goes to the step itself (performed by perform.ts), never to another attempt', () => {
    const state = STATES['totp-or-email'] as SessionState;
    const { effects } = transition(state, { type: 'switch-step', method: 'email' });
    expect(effects).toEqual([{ kind: 'switch-step', step: totpOrEmail, method: 'email' }]);
  });
});
