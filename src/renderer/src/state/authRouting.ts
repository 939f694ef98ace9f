import type { Profile } from '../../../shared/backendApi';
import type { AuthState, Notice, User } from '../../../shared/ipc/contract';

/** Where a sign-in code went, as main's `code-required` state says. */
type CodeDelivery = Extract<AuthState, { status: 'code-required' }>['delivery'];

/** The screen main's auth state calls for, with what it shows. */
export type Screen =
  | { name: 'load-error'; message: string }
  | { name: 'splash'; message: string }
  /** `linking`: the sign-in was started again to finish linking the provider to the user's account. */
  | { name: 'federated-waiting'; provider: string; linking: boolean }
  | { name: 'new-password' }
  /** Two-step verification is on: the code from the authenticator app (`canUseEmail`: or an e-mailed one). */
  | { name: 'totp'; canUseEmail: boolean; offerRememberDevice: boolean }
  /** The second step by a code e-mailed to `delivery` (`canUseAuthenticator`: the user may go back). */
  | { name: 'email-mfa'; delivery: CodeDelivery; canUseAuthenticator: boolean }
  /** A sign-in by code: the code that was e-mailed or texted. */
  | { name: 'code'; login: string; delivery: CodeDelivery }
  /** A federated user confirms an e-mail their provider does not vouch for; `destination`: where the code went. */
  | { name: 'confirm-email'; user: User; destination: string | undefined }
  | { name: 'onboarding'; user: User }
  | { name: 'home'; user: User; profile: Profile }
  /** `retryInSeconds`: main tries again by itself this much later (a launch that could not reach the sign-in service). */
  | { name: 'offline'; user: User | undefined; retryInSeconds: number | undefined }
  /** The local signed-out screens (sign-in, sign-up, confirm…); `notice` is main's reason, to show. */
  | { name: 'signed-out'; notice: Notice | undefined };

/** True while nobody is signed in and the local signed-out screens are in charge. */
export function isSignedOut(state: AuthState): boolean {
  // A code being sent keeps the sign-in screen (and what was typed) like a password being checked.
  return (
    state.status === 'signed-out' ||
    (state.status === 'signing-in' && (state.method === 'password' || state.method === 'code'))
  );
}

/** A notice as one comparable string ('' for none), to tell a new notice from one already seen. */
export function noticeKey(notice: Notice | undefined): string {
  return notice ? `${notice.code}|${notice.message}` : '';
}

/** Picks the screen from main's auth state, or from why it could not be read (`loadError`). */
export function screenFor(state: AuthState | null, loadError: string | null): Screen {
  if (loadError) return { name: 'load-error', message: loadError };
  if (!state) return { name: 'splash', message: 'Starting Gatehouse…' };
  switch (state.status) {
    case 'signing-in':
      if (state.method === 'restore') return { name: 'splash', message: 'Signing you in…' };
      if (state.method === 'federated')
        return { name: 'federated-waiting', provider: state.provider ?? '', linking: state.linking === true };
      return { name: 'signed-out', notice: undefined };
    case 'new-password-required':
      return { name: 'new-password' };
    case 'totp-required':
      return {
        name: 'totp',
        canUseEmail: state.canUseEmail === true,
        offerRememberDevice: state.offerRememberDevice === true,
      };
    case 'email-mfa-required':
      return { name: 'email-mfa', delivery: state.delivery, canUseAuthenticator: state.canUseAuthenticator };
    case 'code-required':
      return { name: 'code', login: state.login, delivery: state.delivery };
    case 'email-confirmation-required':
      return { name: 'confirm-email', user: state.user, destination: state.delivery?.destination };
    case 'needs-onboarding':
      return { name: 'onboarding', user: state.user };
    case 'signed-in':
      return { name: 'home', user: state.user, profile: state.profile };
    case 'offline':
      return { name: 'offline', user: state.user, retryInSeconds: state.retryInSeconds };
    case 'signed-out':
      // The keychain banner already explains a keychain notice; other notices say why main signed out.
      return {
        name: 'signed-out',
        notice: state.notice?.code === 'keychain_unavailable' ? undefined : state.notice,
      };
  }
}

/** What a new auth state means for the local signed-out navigation; see `followAuthState`. */
export interface Follow {
  /** Go back to the sign-in screen (and forget where the signed-out screens were). */
  toSignIn: boolean;
  /** A notice not shown before: show it even if the last one was dismissed. */
  newNotice: boolean;
  /** The notice key to remember for the next state. */
  lastNotice: string;
}

/**
 * Follows main when it moves the session on its own (deep link, refresh failure, another window).
 * Leaving the signed-out screens resets them to sign-in for next time; being told why (Google
 * cancelled, session ended) or signed out by main starts again from sign-in. A failed password
 * sign-in (signing-in → signed-out, the same notice again) keeps the screen and what was typed.
 */
export function followAuthState(before: AuthState | null, state: AuthState, lastNotice: string): Follow {
  if (!isSignedOut(state))
    return { toSignIn: state.status !== 'signing-in', newNotice: false, lastNotice: '' };
  if (state.status !== 'signed-out') return { toSignIn: false, newNotice: false, lastNotice };
  const notice = noticeKey(state.notice);
  const newNotice = notice !== '' && notice !== lastNotice;
  return { toSignIn: newNotice || (before !== null && !isSignedOut(before)), newNotice, lastNotice: notice };
}

/** What the sign-in screen says after the user signed out (main gave no reason of its own), else undefined. */
export const SIGNED_OUT_NOTICE = 'You are signed out.';

/** The sign-in notice for leaving a signed-in session without a notice from main: the user signed out. */
export function signedOutNotice(before: AuthState | null, state: AuthState): string | undefined {
  const wasIn = before?.status === 'signed-in' || before?.status === 'needs-onboarding';
  return wasIn && state.status === 'signed-out' && !state.notice ? SIGNED_OUT_NOTICE : undefined;
}
