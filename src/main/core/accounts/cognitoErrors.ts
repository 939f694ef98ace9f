import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import { type ErrorEntry, lookup } from '../errors/errorTable';
import { MESSAGES } from '../errors/messages';
import { noAnswerCause, SIGN_IN_SERVICE_NO_ANSWER } from '../errors/offline';
import { weakPasswordMessage } from '../errors/passwordPolicy';

/**
 * The one table from everything the Cognito user-pool API (and the way to it) can throw at
 * Gatehouse's account flows to a stable Gatehouse code and words a user can act on. Cognito's own
 * messages never reach the user: they are terse, sometimes reveal whether an account exists, and
 * change without notice.
 */

/** The account operations whose failures the table knows; the same exception can mean different things in each. */
export type CognitoOperation =
  | 'signUp'
  | 'confirmSignUp'
  | 'resendCode'
  | 'signIn'
  | 'completeNewPassword'
  /** RespondToAuthChallenge SOFTWARE_TOKEN_MFA: the code from the authenticator app at sign-in. */
  | 'answerTotp'
  /** InitiateAuth USER_AUTH with PREFERRED_CHALLENGE EMAIL_OTP / SMS_OTP: send a sign-in code. */
  | 'sendSignInCode'
  /** RespondToAuthChallenge EMAIL_OTP / SMS_OTP: the code that was sent. */
  | 'answerSignInCode'
  | 'associateTotp'
  | 'verifyTotp'
  | 'setTotpPreference'
  /** SetUserMFAPreference for e-mail codes (and the preference between methods). */
  | 'setMfaPreference'
  | 'readTotp'
  | 'forgotPassword'
  | 'confirmForgotPassword'
  | 'changePassword'
  | 'refresh'
  | 'revoke'
  | 'globalSignOut'
  /** UpdateUserAttributes: the user's own name or e-mail. */
  | 'updateAttributes'
  /** VerifyUserAttribute / GetUserAttributeVerificationCode: the code for a new e-mail. */
  | 'verifyEmail'
  /** UpdateDeviceStatus after a sign-in with "Remember this device" ticked. */
  | 'rememberDevice'
  /** ListDevices / ForgetDevice: the "Signed-in devices" list. */
  | 'listDevices'
  | 'forgetDevice'
  /** GetUser: whether Cognito still honours the session (the focus / wake check). */
  | 'checkSession'
  /** DeleteUser: the signed-in user deletes their own account. */
  | 'deleteUser'
  /** ListWebAuthnCredentials: the signed-in user's passkeys. */
  | 'listPasskeys'
  /** DeleteWebAuthnCredential: removing one of them. */
  | 'deletePasskey'
  /** VerifyUserAttribute / GetUserAttributeVerificationCode: the code texted to the user's phone number. */
  | 'verifyPhone';

/** What the user sees for one failure: an {@link ErrorEntry} whose `message` may depend on the password policy. */
export interface ErrorOutcome extends Omit<ErrorEntry, 'message'> {
  message: string | ((policy: PasswordPolicy) => string);
}

/** A message pattern and the outcome it selects. */
export interface Refinement {
  match: RegExp;
  outcome: ErrorOutcome;
}

/** An operation's own outcome, optionally refined by message for that operation only. */
export interface OperationOutcome extends ErrorOutcome {
  refine?: Refinement[];
}

/**
 * One row: the default outcome, per-operation overrides, and message-pattern refinements (first
 * match wins; the row's refinements before the operation's).
 */
export interface ErrorRule extends ErrorOutcome {
  operations?: Partial<Record<CognitoOperation, OperationOutcome>>;
  /** Cognito uses one exception name for unrelated problems (InvalidParameterException); its message tells them apart. */
  refine?: Refinement[];
}

const TEXT = {
  wrongCredentials: 'That username or email and password do not match. Check them and try again.',
  rateLimited: 'Too many attempts in a short time. Wait a few minutes, then try again.',
  lockedOut:
    'Too many wrong tries, so signing in to this account is paused for a while (at most 15 minutes). Wait, then try again.',
  codeMismatch: 'That code is not right. Check the latest email from us and try again.',
  codeExpired: 'That code has expired. Ask for a new one and try again.',
  notConfirmed: 'This account is not confirmed yet. Enter the code we emailed you, or ask for a new one.',
  unavailable: 'The sign-in service is having trouble right now. Try again in a moment.',
  misconfigured:
    'Gatehouse is not set up correctly for this sign-in service. Please tell whoever runs your Gatehouse.',
  notAccepted: 'The sign-in service did not accept those details. Check them and try again.',
  passkeysOff:
    'Passkeys are not turned on for this sign-in service. Please tell whoever runs your Gatehouse.',
  notSignedOutEverywhere:
    'Gatehouse could not sign you out on your other devices. You are still signed in. Try again in a moment.',
  tooManyCodeAttempts: 'Too many wrong codes. Wait a few minutes, then ask for a new code.',
  alreadyConfirmed: 'This account is already confirmed. You can sign in.',
  totpMismatch: 'That code is not right. Enter the 6-digit code your authenticator app shows now.',
  totpUsed: 'That code was just used. Wait for the next code in your authenticator app, then enter it.',
  totpSignInExpired: 'That sign-in took too long. Please sign in again.',
  signInCodeExpired: 'That code has expired. Ask for a new code and try again.',
  signInCodeMismatch: 'That code is not right. Enter the code from the latest message we sent.',
} as const;

/** A wrong authenticator-app code, said on the code field. */
const TOTP_MISMATCH: OperationOutcome = { code: 'code_mismatch', field: 'code', message: TEXT.totpMismatch };

/**
 * The NotAuthorizedException messages that mean the access token's session is already over
 * ("Access Token has been revoked", "Access Token has expired"): nothing is left to end.
 */
const SESSION_ALREADY_ENDED: Refinement = {
  match: /access token has (been revoked|expired)/i,
  outcome: { code: 'session_expired', message: MESSAGES.sessionEnded },
};

/** Too many tries at an emailed code: said on the code field, whichever exception name Cognito uses. */
const TOO_MANY_CODE_ATTEMPTS: ErrorRule['operations'] = {
  confirmSignUp: { code: 'rate_limited', field: 'code', message: TEXT.tooManyCodeAttempts },
  confirmForgotPassword: { code: 'rate_limited', field: 'code', message: TEXT.tooManyCodeAttempts },
  verifyPhone: { code: 'rate_limited', field: 'code', message: TEXT.tooManyCodeAttempts },
};

const weakPassword = (field: string): ErrorOutcome => ({
  code: 'weak_password',
  field,
  message: weakPasswordMessage,
});

/** Cognito exception name → outcome. Every exception the flows in `accounts/` can raise is listed. */
export const COGNITO_ERROR_TABLE: Readonly<Record<string, ErrorRule>> = {
  UsernameExistsException: {
    code: 'username_taken',
    field: 'username',
    message: MESSAGES.usernameTaken,
  },
  // Raised at confirmation (and at sign-up on some pool set-ups) when another confirmed account owns the email.
  AliasExistsException: {
    code: 'email_taken',
    field: 'email',
    message: 'An account with this email address already exists. Sign in, or reset its password.',
    operations: {
      verifyEmail: {
        code: 'email_taken',
        field: 'code',
        message: 'Another account already uses this email address. Keep your current one, or choose another.',
      },
      verifyPhone: {
        code: 'invalid_phone',
        field: 'code',
        message: 'Another account already uses this phone number. Sign in there, or use another number.',
      },
    },
  },
  CodeMismatchException: {
    code: 'code_mismatch',
    field: 'code',
    message: TEXT.codeMismatch,
    operations: {
      answerTotp: TOTP_MISMATCH,
      verifyTotp: TOTP_MISMATCH,
      answerSignInCode: { code: 'code_mismatch', field: 'code', message: TEXT.signInCodeMismatch },
      verifyPhone: { code: 'code_mismatch', field: 'code', message: TEXT.signInCodeMismatch },
    },
  },
  // A TOTP code that was already accepted ("Your software token has already been used once.").
  ExpiredCodeException: {
    code: 'code_expired',
    field: 'code',
    message: TEXT.codeExpired,
    operations: {
      answerTotp: { code: 'code_expired', field: 'code', message: TEXT.totpUsed },
      verifyTotp: { code: 'code_expired', field: 'code', message: TEXT.totpUsed },
    },
  },
  // VerifySoftwareToken's wrong code.
  EnableSoftwareTokenMFAException: TOTP_MISMATCH,
  InvalidPasswordException: {
    ...weakPassword('password'),
    operations: {
      completeNewPassword: weakPassword('newPassword'),
      confirmForgotPassword: weakPassword('newPassword'),
      changePassword: weakPassword('newPassword'),
    },
  },
  PasswordHistoryPolicyViolationException: {
    code: 'weak_password',
    field: 'newPassword',
    message: 'You used that password recently. Choose a different one.',
  },
  NotAuthorizedException: {
    code: 'wrong_credentials',
    message: TEXT.wrongCredentials,
    operations: {
      // ConfirmSignUp on a confirmed user: "User cannot be confirmed. Current status is CONFIRMED".
      confirmSignUp: {
        code: 'already_confirmed',
        message: TEXT.alreadyConfirmed,
      },
      resendCode: {
        code: 'already_confirmed',
        message: TEXT.alreadyConfirmed,
      },
      completeNewPassword: {
        code: 'session_expired',
        message: 'That sign-in took too long. Please sign in again with your temporary password.',
      },
      // "Invalid session for the user, session is expired." (or "can only be used once").
      answerTotp: { code: 'session_expired', message: TEXT.totpSignInExpired },
      // The code lives as long as its challenge session (3 minutes by default).
      answerSignInCode: { code: 'session_expired', message: TEXT.signInCodeExpired },
      changePassword: {
        code: 'wrong_credentials',
        field: 'oldPassword',
        message: 'Your current password is not right. Check it and try again.',
        refine: [SESSION_ALREADY_ENDED],
      },
      forgotPassword: {
        code: 'not_confirmed',
        message: 'The password of this account cannot be reset right now. Confirm the account first.',
      },
      // A refresh token that was revoked, expired or never valid; GlobalSignOut/RevokeToken with a dead token.
      refresh: { code: 'session_expired', message: MESSAGES.sessionEnded },
      revoke: { code: 'session_expired', message: MESSAGES.sessionEnded },
      checkSession: { code: 'session_expired', message: MESSAGES.sessionEnded },
      // Only an already-ended session counts as signed out everywhere; any other refusal means the
      // other devices are still signed in, and the user must hear so (issue 11).
      globalSignOut: {
        code: 'internal',
        message: TEXT.notSignedOutEverywhere,
        refine: [SESSION_ALREADY_ENDED],
      },
      // The proof's fresh session was refused: the account is not deleted, and the user must hear so.
      deleteUser: { code: 'session_expired', message: MESSAGES.sessionEnded },
    },
    refine: [
      // Cognito's temporary lockout after five wrong passwords or MFA codes ("Password attempts
      // exceeded"), growing up to about 15 minutes: https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior
      { match: /attempts exceeded/i, outcome: { code: 'rate_limited', message: TEXT.lockedOut } },
      // An access token without aws.cognito.signin.user.admin: the app client does not allow that scope.
      { match: /required scopes/i, outcome: { code: 'internal', message: TEXT.misconfigured } },
    ],
  },
  // A refresh token that rotation replaced and whose grace period is over: the session is gone
  // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html#API_GetTokensFromRefreshToken_Errors).
  RefreshTokenReuseException: { code: 'session_expired', message: MESSAGES.sessionEnded },
  UserNotConfirmedException: { code: 'not_confirmed', message: TEXT.notConfirmed },
  UserNotFoundException: {
    code: 'user_not_found',
    message: 'We could not find an account with that username or email.',
    operations: {
      // Never say at sign-in which accounts exist: the answer is the same as for a wrong password.
      signIn: { code: 'wrong_credentials', message: TEXT.wrongCredentials },
      changePassword: { code: 'session_expired', message: MESSAGES.sessionEnded },
      refresh: { code: 'session_expired', message: MESSAGES.sessionEnded },
      globalSignOut: { code: 'session_expired', message: MESSAGES.sessionEnded },
      deleteUser: { code: 'session_expired', message: MESSAGES.sessionEnded },
    },
  },
  PasswordResetRequiredException: {
    code: 'password_reset_required',
    message: 'You need to choose a new password. Use "Forgot password" to get a reset code by email.',
  },
  LimitExceededException: {
    code: 'rate_limited',
    message: TEXT.rateLimited,
    // "Attempt limit exceeded, please try after some time." after repeated wrong codes.
    operations: TOO_MANY_CODE_ATTEMPTS,
  },
  TooManyRequestsException: { code: 'rate_limited', message: TEXT.rateLimited },
  TooManyFailedAttemptsException: {
    code: 'rate_limited',
    message: TEXT.rateLimited,
    operations: TOO_MANY_CODE_ATTEMPTS,
  },
  CodeDeliveryFailureException: {
    code: 'service_unreachable',
    message: 'We could not send the code email. Check the address, wait a moment and try again.',
  },
  InvalidParameterException: {
    code: 'invalid_request',
    message: TEXT.notAccepted,
    refine: [
      {
        match: /already confirmed/i,
        outcome: {
          code: 'already_confirmed',
          message: TEXT.alreadyConfirmed,
        },
      },
      // ForgotPassword on an account whose email was never verified.
      {
        match: /no registered\/verified email|verified email or phone/i,
        outcome: {
          code: 'not_confirmed',
          message:
            'This account has no confirmed email address yet, so its password cannot be reset by email.',
        },
      },
      {
        match: /phone/i,
        outcome: {
          code: 'invalid_phone',
          field: 'phone',
          message: 'Enter the phone number in international format, e.g. +14155550100.',
        },
      },
      {
        match: /email/i,
        outcome: { code: 'invalid_email', field: 'email', message: 'Enter a valid email address.' },
      },
      {
        match: /username/i,
        outcome: {
          code: 'invalid_username',
          field: 'username',
          message: 'That username cannot be used. Use letters, numbers and . _ - only.',
        },
      },
      { match: /password/i, outcome: weakPassword('password') },
    ],
  },
  // Pre-sign-up / pre-authentication Lambda triggers rejecting a request.
  UserLambdaValidationException: { code: 'invalid_request', message: TEXT.notAccepted },
  InvalidLambdaResponseException: { code: 'service_unreachable', message: TEXT.unavailable },
  UnexpectedLambdaException: { code: 'service_unreachable', message: TEXT.unavailable },
  InternalErrorException: { code: 'service_unreachable', message: TEXT.unavailable },
  ServiceUnavailableException: { code: 'service_unreachable', message: TEXT.unavailable },
  // Pool/client set-up problems: nothing the user can fix, so say who can.
  ResourceNotFoundException: {
    code: 'internal',
    message: TEXT.misconfigured,
    operations: {
      // ForgetDevice of a device forgotten meanwhile (on another computer): the list is out of date.
      forgetDevice: { code: 'invalid_request', message: 'That device is no longer on your account.' },
      // DeleteWebAuthnCredential of an id the user no longer has (removed from another computer).
      deletePasskey: { code: 'invalid_request', message: 'That passkey was already removed.' },
    },
  },
  InvalidUserPoolConfigurationException: { code: 'internal', message: TEXT.misconfigured },
  InvalidSmsRoleAccessPolicyException: { code: 'internal', message: TEXT.misconfigured },
  InvalidSmsRoleTrustRelationshipException: { code: 'internal', message: TEXT.misconfigured },
  InvalidEmailRoleAccessPolicyException: { code: 'internal', message: TEXT.misconfigured },
  UnsupportedOperationException: { code: 'internal', message: TEXT.misconfigured },
  UnsupportedTokenTypeException: { code: 'internal', message: TEXT.misconfigured },
  UnauthorizedException: { code: 'internal', message: TEXT.misconfigured },
  // WAF in front of the pool refused the request.
  ForbiddenException: {
    code: 'service_unreachable',
    message: 'The sign-in service refused this request. Try again later.',
  },
  MFAMethodNotFoundException: { code: 'internal', message: TEXT.misconfigured },
  // The pool does not offer authenticator apps (MFA off, or software tokens not enabled).
  SoftwareTokenMFANotFoundException: {
    code: 'internal',
    message:
      'Two-step verification with an authenticator app is not turned on for this sign-in service. Please tell whoever runs your Gatehouse.',
  },
  // Passkeys: the pool does not allow WEB_AUTHN, or has no relying party (WebAuthnConfiguration).
  WebAuthnNotEnabledException: { code: 'internal', message: TEXT.passkeysOff },
  WebAuthnConfigurationMissingException: { code: 'internal', message: TEXT.passkeysOff },
  // Not a Cognito exception: raised by accounts/ when a sign-in asks for a step Gatehouse does not offer (SMS MFA, custom auth).
  UnsupportedChallenge: {
    code: 'internal',
    message:
      'This account needs a sign-in step (such as a one-time code) that Gatehouse does not support yet.',
  },
};

const UNKNOWN: ErrorOutcome = {
  code: 'internal',
  message: 'Something went wrong while signing in. Try again.',
};

/** The shape the transport and amazon-cognito-identity-js give failures: a name/code, a message, maybe an HTTP status. */
interface CognitoLikeError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  networkFailure?: unknown;
}

function exceptionName(failure: CognitoLikeError): string {
  if (typeof failure.code === 'string') return failure.code;
  return typeof failure.name === 'string' ? failure.name : '';
}

/** The outcome for one failure of one operation, without building the error (tests read the table through this). */
export function outcomeFor(error: unknown, operation: CognitoOperation): ErrorOutcome {
  const failure = (error ?? {}) as CognitoLikeError;
  if (failure.networkFailure === 'offline' || failure.networkFailure === 'unreachable') {
    return SIGN_IN_SERVICE_NO_ANSWER[failure.networkFailure];
  }
  const name = exceptionName(failure);
  const rule = lookup(COGNITO_ERROR_TABLE, name);
  if (rule === undefined) {
    // An HTTP 5xx without a Cognito exception name: a proxy or load balancer answered.
    if (typeof failure.statusCode === 'number' && failure.statusCode >= 500)
      return SIGN_IN_SERVICE_NO_ANSWER.unreachable;
    return UNKNOWN;
  }
  const message = typeof failure.message === 'string' ? failure.message : '';
  const refined = rule.refine?.find((candidate) => candidate.match.test(message));
  if (refined) return refined.outcome;
  const own = rule.operations && lookup(rule.operations, operation);
  if (own === undefined) return rule;
  const ownRefined = own.refine?.find((candidate) => candidate.match.test(message));
  if (ownRefined) return ownRefined.outcome;
  const { refine: _unused, ...outcome } = own;
  return outcome;
}

/**
 * Turns anything an account operation threw into a GatehouseError with plain words. Gatehouse errors
 * pass through unchanged, so wrapping twice is harmless.
 */
export function toGatehouseError(
  error: unknown,
  operation: CognitoOperation,
  policy: PasswordPolicy,
): GatehouseError {
  if (isGatehouseError(error)) return error;
  const outcome = outcomeFor(error, operation);
  const message = typeof outcome.message === 'function' ? outcome.message(policy) : outcome.message;
  // The exception name goes to the log next to the Gatehouse code, as the (non-enumerable) cause.
  const failure = (error ?? {}) as CognitoLikeError;
  const cause =
    failure.networkFailure === 'offline' || failure.networkFailure === 'unreachable'
      ? noAnswerCause(failure.networkFailure)
      : exceptionName(failure);
  return new GatehouseError(outcome.code, message, outcome.field, cause ? { cause } : undefined);
}
