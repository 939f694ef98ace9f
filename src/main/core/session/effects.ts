import type { Identity, IdentityProvider } from '../../../shared/identity';
import type { SecondFactor, User } from '../../../shared/ipc/contract';
import type { CodeMedium } from '../accounts/codeSignIn';
import type { VaultEntry } from '../keychain/vaultEntry';
import type { LogFields } from '../log';
import type { HeldSession } from './credentials';
import type { ProfileChange, RemovePurpose, SavePurpose } from './events';
import type { BareState, PendingStep, SecondStep } from './states';

/**
 * Every effect the session's transition can ask for, in one place. The runner performs them (see
 * runner.ts) and feeds what they found back as results. An effect marked `background` is not
 * waited for by the request that caused it (the user is in before the keychain write ends).
 */
export type Effect =
  /** Send the state (with the keychain warning) to the renderer as `auth.stateChanged`. */
  | { kind: 'publish' }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields?: LogFields }
  /** The request that caused this fails with `error` (the state already says what it should). */
  | { kind: 'fail'; error: unknown }
  /** Feed `retry-due` after `delayMs`, unless any command comes first (the runner owns the one timer). */
  | { kind: 'schedule-retry'; delayMs: number }
  | { kind: 'read-keychain' }
  /** Trade a keychain entry's refresh token for tokens. */
  | { kind: 'refresh-entry'; entry: VaultEntry }
  | { kind: 'cognito-sign-in'; login: string; password: string; previous: BareState }
  /** Ask Cognito to send a sign-in code (USER_AUTH with EMAIL_OTP / SMS_OTP). */
  | { kind: 'cognito-code-sign-in'; login: string; medium: CodeMedium; previous: BareState }
  | { kind: 'complete-step'; step: PendingStep; value: string; rememberDevice?: boolean }
  /** Go from a second step to another (`step.switchTo`), e.g. from the authenticator to an e-mailed code. */
  | { kind: 'switch-step'; step: SecondStep; method: SecondFactor }
  | { kind: 'fetch-profile' }
  | { kind: 'save-entry'; held: HeldSession; purpose: SavePurpose; background: boolean }
  | { kind: 'remove-entry'; username: string; purpose: RemovePurpose; background: boolean }
  /** Revoke a refresh token the session does not keep (a replaced account, a refused sign-in), so no forgotten session stays valid. */
  | { kind: 'revoke-replaced'; refreshToken: string }
  /** Sign-out: revoke the refresh token and remove the entry, together. */
  | { kind: 'end-session'; refreshToken: string; username: string }
  | { kind: 'global-sign-out'; who: Identity }
  /** End the Hosted UI's browser session; fire and forget (the browser answers with a deep link, or not). */
  | { kind: 'end-hosted-session'; background: true }
  | { kind: 'send-profile'; change: ProfileChange; user: User }
  /** Mail a code to the signed-in user's unverified e-mail (GetUserAttributeVerificationCode). */
  | { kind: 'send-confirmation-code' }
  /** Check that code (VerifyUserAttribute), then refresh so the tokens carry the verified e-mail. */
  | { kind: 'verify-email'; code: string; provider: IdentityProvider };
