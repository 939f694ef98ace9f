import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { User, UserPool, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from './core.js';
import { CognitoException, invalidParameter, notAuthorized, requireString } from './errors.js';
import { newCode } from './mailbox.js';
import { answerPasskey, hasPasskey, passkeyChallenge } from './passkeyFactor.js';
import { passwordSignIn, passwordVerifierChallenge } from './passwordFactor.js';
import { allowedFirstFactors } from './pool.js';
import { mfaChallenge, mfaMethodsOf } from './secondFactor.js';
import { assertFlowAllowed, completeSignIn, issueTokens } from './signIn.js';
import { findPasswordUser, maskDestination, verifiedEmailOf, verifiedPhoneOf } from './users.js';

/**
 * Choice-based sign-in (`AuthFlow=USER_AUTH`), as the Cognito API reference documents it
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChallengeResponseType.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html):
 * the request names the user and may name a PREFERRED_CHALLENGE; if that challenge is available to
 * the user it starts at once, else the reply is SELECT_CHALLENGE with the user's AvailableChallenges.
 * Each challenge is one entry of FIRST_FACTOR_CHALLENGES.
 */

/** What starting a first-factor challenge needs. */
export interface FactorStart {
  core: CognitoCore;
  client: AppClient;
  pool: UserPoolService;
  /** The user, or undefined for an unknown name (then only a decoy that can never succeed). */
  user: User | undefined;
  /** The name the request gave (username or alias). */
  named: string;
  /** AuthParameters of InitiateAuth, or ChallengeResponses of SELECT_CHALLENGE (PASSWORD, SRP_A, …). */
  params: Record<string, string>;
}

/** Where a user's challenges are looked up: the devstack's stores (passkeys) and the pool. */
export interface FactorScope {
  core: CognitoCore;
  pool: UserPool;
}

/** One challenge of choice-based sign-in: the pool factor that turns it on, who may use it, how it starts. */
export interface FirstFactorChallenge {
  /** The `Policies.SignInPolicy.AllowedFirstAuthFactors` entry it belongs to. */
  factor: string;
  /** Whether this user can start it (the pool allowing its factor aside). */
  availableTo(user: User, scope: FactorScope): boolean;
  /** Starts it: tokens, or the next challenge. */
  start(request: FactorStart): Promise<unknown>;
}

/**
 * "Users who have MFA set up can't sign in with passwordless first factors"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html#user-pool-settings-mfa-prerequisites).
 */
function hasMfa(user: User): boolean {
  return (user.UserMFASettingList ?? []).length > 0;
}

/** Where each one-time-code challenge sends its code, and the parameter that answers it. */
const CODE_CHANNELS = {
  EMAIL_OTP: { medium: 'EMAIL', destinationOf: verifiedEmailOf },
  SMS_OTP: { medium: 'SMS', destinationOf: verifiedPhoneOf },
} as const;

/** A one-time-code challenge (EMAIL_OTP, SMS_OTP). */
export type CodeChallenge = keyof typeof CODE_CHANNELS;

/**
 * Sends a fresh code by e-mail (dev mailbox) or text (dev outbox) and opens the challenge session it
 * answers. The code lives as long as the session (the app client's AuthSessionValidity, default 3
 * minutes). Unknown users get a decoy session that nothing answers, with nothing sent.
 */
async function sendCode(kind: CodeChallenge, { core, client, user, named }: FactorStart) {
  const channel = CODE_CHANNELS[kind];
  const destination = user === undefined ? undefined : channel.destinationOf(user);
  const code = newCode();
  if (user !== undefined && destination !== undefined) {
    if (kind === 'EMAIL_OTP') core.mailbox.record(destination, 'Authentication', code, user.Username);
    else core.outbox.record(destination, code);
  }
  const session = core.challenges.begin({
    stage: kind,
    clientId: client.ClientId,
    username: user?.Username ?? named,
    code,
    known: user !== undefined,
  });
  const shown = destination ?? (kind === 'EMAIL_OTP' ? `${named}@example.com` : '+10000000000');
  return {
    ChallengeName: kind,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: channel.medium,
      CODE_DELIVERY_DESTINATION: maskDestination(shown),
    },
    Session: session,
  };
}

/** The challenges of choice-based sign-in; a new one is one more entry. */
export const FIRST_FACTOR_CHALLENGES: Record<string, FirstFactorChallenge> = {
  PASSWORD: {
    factor: 'PASSWORD',
    availableTo: () => true,
    start: ({ core, client, pool, named, params }) =>
      passwordSignIn(core, client, pool, named, params.PASSWORD),
  },
  PASSWORD_SRP: {
    factor: 'PASSWORD',
    availableTo: () => true,
    start: ({ core, client, pool, named, params }) =>
      passwordVerifierChallenge(core, client, pool, named, params.SRP_A),
  },
  EMAIL_OTP: {
    factor: 'EMAIL_OTP',
    availableTo: (user) => !hasMfa(user) && verifiedEmailOf(user) !== undefined,
    start: (request) => sendCode('EMAIL_OTP', request),
  },
  SMS_OTP: {
    factor: 'SMS_OTP',
    availableTo: (user) => !hasMfa(user) && verifiedPhoneOf(user) !== undefined,
    start: (request) => sendCode('SMS_OTP', request),
  },
  // AvailableChallenges lists what this user can select from (InitiateAuth API reference,
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html), and a
  // passkey challenge needs a registered passkey; GetUserAuthFactors' ConfiguredUserAuthFactors says the same
  // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html).
  WEB_AUTHN: {
    factor: 'WEB_AUTHN',
    availableTo: (user, { core, pool }) => hasPasskey(core, pool.Id, user.Username),
    start: passkeyChallenge,
  },
};

/**
 * The challenges a user may start with: those whose factor the pool allows and the user can use.
 * For an unknown user (undefined), every challenge the pool allows, so the answer reveals nothing.
 */
export function availableChallenges(scope: FactorScope, user: User | undefined): string[] {
  const allowed = allowedFirstFactors(scope.pool);
  return Object.entries(FIRST_FACTOR_CHALLENGES)
    .filter(([, c]) => allowed.includes(c.factor) && (user === undefined || c.availableTo(user, scope)))
    .map(([name]) => name);
}

/** The first factors (PASSWORD, EMAIL_OTP, …) a user can sign in with: GetUserAuthFactors' ConfiguredUserAuthFactors. */
export function configuredFactors(scope: FactorScope, user: User): string[] {
  return [
    ...new Set(availableChallenges(scope, user).map((name) => FIRST_FACTOR_CHALLENGES[name]?.factor ?? name)),
  ];
}

/** InitiateAuth / AdminInitiateAuth with AuthFlow USER_AUTH. */
export async function startUserAuth(
  core: CognitoCore,
  client: AppClient,
  pool: UserPoolService,
  params: Record<string, string>,
) {
  assertFlowAllowed(client, 'USER_AUTH');
  const named = requireString(params.USERNAME, 'USERNAME');
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred !== undefined && FIRST_FACTOR_CHALLENGES[preferred] === undefined) {
    throw invalidParameter(`Invalid PREFERRED_CHALLENGE: ${preferred}`);
  }
  const user = await findPasswordUser(core.ctx, pool, named);
  const available = availableChallenges({ core, pool: pool.options }, user);
  const chosen = preferred === undefined ? undefined : FIRST_FACTOR_CHALLENGES[preferred];
  if (chosen !== undefined && preferred !== undefined && available.includes(preferred)) {
    return chosen.start({ core, client, pool, user, named, params });
  }
  return {
    ChallengeName: 'SELECT_CHALLENGE',
    ChallengeParameters: {},
    AvailableChallenges: available,
    Session: core.challenges.begin({
      stage: 'SELECT_CHALLENGE',
      clientId: client.ClientId,
      username: user?.Username ?? named,
      known: user !== undefined,
    }),
  };
}

/** The user a USER_AUTH answer names, who must be the one its session was opened for. */
async function answeringUser(
  core: CognitoCore,
  pool: UserPoolService,
  named: string,
  state: { username: string; known?: boolean },
) {
  const user = await findPasswordUser(core.ctx, pool, named);
  if (state.known === false) {
    if (named.toLowerCase() !== state.username.toLowerCase())
      throw notAuthorized('Invalid session for the user.');
    return undefined;
  }
  if (user === undefined || user.Username !== state.username)
    throw notAuthorized('Invalid session for the user.');
  return user;
}

/** What a RespondToAuthChallenge answer of choice-based sign-in gets. */
export interface ChallengeAnswer {
  core: CognitoCore;
  client: AppClient;
  pool: UserPoolService;
  session: string;
  responses: Record<string, string>;
}

/** SELECT_CHALLENGE: `ANSWER` names one of the AvailableChallenges, which starts with the same responses. */
async function answerSelectChallenge({ core, client, pool, session, responses }: ChallengeAnswer) {
  const state = core.challenges.open(session, client.ClientId, ['SELECT_CHALLENGE']);
  const answer = requireString(responses.ANSWER, 'ANSWER');
  const named = requireString(responses.USERNAME, 'USERNAME');
  const user = await answeringUser(core, pool, named, state);
  const challenge = FIRST_FACTOR_CHALLENGES[answer];
  if (challenge === undefined || !availableChallenges({ core, pool: pool.options }, user).includes(answer)) {
    throw invalidParameter(`${answer} is not an available challenge for this user.`);
  }
  core.challenges.spend(session);
  return challenge.start({ core, client, pool, user, named, params: responses });
}

/**
 * EMAIL_OTP / SMS_OTP: the code sent answers as `EMAIL_OTP_CODE` / `SMS_OTP_CODE`. A wrong code is
 * CodeMismatchException and leaves the session usable; wrong codes count towards Cognito's
 * MFA-code lockout (five, then exponential waits); a session past its lifetime is refused as
 * expired, so the code dies with it. A right code spends the session and signs the user in.
 */
function answerCode(kind: CodeChallenge) {
  return async ({ core, client, pool, session, responses }: ChallengeAnswer) => {
    const state = core.challenges.open(session, client.ClientId, [kind]);
    const given = requireString(responses[`${kind}_CODE`], `${kind}_CODE`);
    const user = await answeringUser(core, pool, requireString(responses.USERNAME, 'USERNAME'), state);
    const mismatch = () =>
      new CognitoException('CodeMismatchException', 'Invalid code or auth state for the user.');
    if (user === undefined) throw mismatch();
    await core.lockout.attempt('mfa', pool.options.Id, user.Username, () => {
      if (given !== state.code) throw mismatch();
    });
    core.challenges.spend(session);
    // A code after the password was the second factor; a passwordless code goes through the account checks.
    // A device named in the answer is kept (no new device for every code sign-in).
    return state.secondFactor === true
      ? issueTokens(core, user, client, responses.DEVICE_KEY)
      : completeSignIn(core, user, client, pool, responses.DEVICE_KEY);
  };
}

/** SELECT_MFA_TYPE: `ANSWER` names one of MFAS_CAN_CHOOSE, whose challenge follows (a fresh session). */
async function answerSelectMfaType({ core, client, pool, session, responses }: ChallengeAnswer) {
  const state = core.challenges.open(session, client.ClientId, ['SELECT_MFA_TYPE']);
  const user = await answeringUser(core, pool, requireString(responses.USERNAME, 'USERNAME'), state);
  const answer = requireString(responses.ANSWER, 'ANSWER');
  if (user === undefined || !mfaMethodsOf(pool.options, user).includes(answer)) {
    throw invalidParameter(`${answer} is not an MFA method this user can choose.`);
  }
  core.challenges.spend(session);
  return mfaChallenge(core, client, user, answer);
}

/** RespondToAuthChallenge handlers of choice-based sign-in and of the MFA choice, by ChallengeName. */
export const USER_AUTH_ANSWERS: Record<string, (answer: ChallengeAnswer) => Promise<unknown>> = {
  SELECT_CHALLENGE: answerSelectChallenge,
  SELECT_MFA_TYPE: answerSelectMfaType,
  EMAIL_OTP: answerCode('EMAIL_OTP'),
  SMS_OTP: answerCode('SMS_OTP'),
  WEB_AUTHN: answerPasskey,
};
