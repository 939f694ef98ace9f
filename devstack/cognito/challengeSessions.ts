import { TtlMap } from '../store/ttlMap.js';
import { notAuthorized } from './errors.js';

/** Where a sign-in stands while it waits for a second factor. */
export type ChallengeStage =
  /** The password was right; a TOTP code answers the SOFTWARE_TOKEN_MFA challenge. */
  | 'SOFTWARE_TOKEN_MFA'
  /** The pool requires MFA and the user has none: AssociateSoftwareToken comes next. */
  | 'MFA_SETUP'
  /** MFA_SETUP, with a secret associated: VerifySoftwareToken comes next. */
  | 'MFA_SETUP_ASSOCIATED'
  /** MFA_SETUP, with the token verified: RespondToAuthChallenge MFA_SETUP finishes the sign-in. */
  | 'MFA_SETUP_VERIFIED'
  /** MFA with several methods on and none preferred: the user picks one of MFAS_CAN_CHOOSE. */
  | 'SELECT_MFA_TYPE'
  /** USER_AUTH without a (usable) preferred challenge: the user picks one of `AvailableChallenges`. */
  | 'SELECT_CHALLENGE'
  /** USER_AUTH: a one-time code was e-mailed (EMAIL_OTP) or texted (SMS_OTP); the code answers it. */
  | 'EMAIL_OTP'
  | 'SMS_OTP'
  /** USER_AUTH with a passkey: a WebAuthn assertion (`CREDENTIAL`) answers the WEB_AUTHN challenge. */
  | 'WEB_AUTHN'
  /** A remembered device stands in for MFA: SRP_A for the device answers DEVICE_SRP_AUTH. */
  | 'DEVICE_SRP_AUTH'
  /** The device's SRP proof (PASSWORD_CLAIM_SIGNATURE) answers DEVICE_PASSWORD_VERIFIER. */
  | 'DEVICE_PASSWORD_VERIFIER';

/** What a challenge `Session` stands for. */
export interface ChallengeState {
  stage: ChallengeStage;
  clientId: string;
  username: string;
  /** The one-time code sent for an EMAIL_OTP / SMS_OTP stage (it lives exactly as long as the session). */
  code?: string;
  /** True when the code is a second factor after the password (the answer ends the sign-in, no further MFA). */
  secondFactor?: boolean;
  /** False for a decoy session of an unknown user (USER_AUTH with user-existence errors prevented): it can only fail. */
  known?: boolean;
  /** The device key a DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER stage is for. */
  deviceKey?: string;
}

/**
 * The opaque `Session` strings Cognito hands out with a challenge. A session is answered once:
 * a wrong code leaves it usable (the user may retry), a right one spends it, and a spent session
 * is refused with its own message until it would have expired anyway.
 */
export class ChallengeSessions {
  private readonly live: TtlMap<ChallengeState & { spent: boolean }>;

  constructor(ttlSeconds: number) {
    this.live = new TtlMap(ttlSeconds * 1000);
  }

  /** A new session for a challenge. */
  begin(state: ChallengeState): string {
    return this.live.add({ ...state, spent: false });
  }

  /**
   * The state behind a session, refused with Cognito's NotAuthorizedException wording: unknown or
   * expired ("session is expired"), already answered ("can only be used once"), or for another
   * client or challenge ("Invalid session for the user.").
   */
  open(session: string, clientId: string | undefined, stages: readonly ChallengeStage[]): ChallengeState {
    const entry = this.live.get(session);
    if (entry === undefined) throw notAuthorized('Invalid session for the user, session is expired.');
    if (entry.spent) throw notAuthorized('Invalid session for the user, session can only be used once.');
    if ((clientId !== undefined && entry.clientId !== clientId) || !stages.includes(entry.stage)) {
      throw notAuthorized('Invalid session for the user.');
    }
    const { spent: _spent, ...state } = entry;
    return state;
  }

  /** Marks a session answered; it stays known (and refused) until its lifetime ends. */
  spend(session: string): void {
    const entry = this.live.get(session);
    if (entry !== undefined) entry.spent = true;
  }
}
