import type { PasswordPolicy, SecondFactor } from '../../../shared/ipc/contract';
import { type AuthAnswer, tokensOf } from './codeSignIn';
import { type CognitoOperation, toGatehouseError } from './cognitoErrors';
import type { CognitoTransport } from './cognitoTransport';
import type { SignInOutcome } from './passwordSignIn';

/**
 * The second step of a password sign-in when e-mail codes are one of the user's MFA methods, spoken
 * on the user-pool API (amazon-cognito-identity-js knows neither EMAIL_OTP nor an EMAIL_OTP answer to
 * SELECT_MFA_TYPE). As the MFA guide and SetUserMFAPreference say
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html):
 * with several methods on and none preferred Cognito answers the password with SELECT_MFA_TYPE
 * (`MFAS_CAN_CHOOSE`), answered by `ANSWER` = `SOFTWARE_TOKEN_MFA` or `EMAIL_OTP`; with one method, or
 * a preferred one, it asks for that one directly. A selection spends its session, so switching back
 * (or a new e-mailed code) is a fresh sign-in with the same password, held only in this closure.
 */

/** Cognito's challenge name of each second step Gatehouse answers. */
const CHALLENGE_OF: Record<SecondFactor, 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'> = {
  totp: 'SOFTWARE_TOKEN_MFA',
  email: 'EMAIL_OTP',
};

/** The challenges the library cannot handle, caught on their way to it (see `catchSecondSteps`). */
const CAUGHT = new Set(['SELECT_MFA_TYPE', 'EMAIL_OTP']);

/** A SELECT_MFA_TYPE or EMAIL_OTP challenge, carried to the sign-in past the library as a failure. */
export class SecondStepChallenge extends Error {
  constructor(readonly answer: AuthAnswer) {
    super(`second step: ${answer.ChallengeName}`);
    this.name = 'SecondStepChallenge';
  }
}

/**
 * The transport for one password sign-in: answers carrying a challenge the library would
 * mishandle (it would read tokens that are not there) reach its `onFailure` as a SecondStepChallenge.
 */
export function catchSecondSteps(transport: CognitoTransport): CognitoTransport {
  return {
    ...transport,
    request(operation, params, callback) {
      transport.request(operation, params, (error, data) => {
        const answer = data as AuthAnswer | undefined;
        if (error === null && answer?.ChallengeName !== undefined && CAUGHT.has(answer.ChallengeName))
          return callback(new SecondStepChallenge(answer));
        return callback(error, data);
      });
    },
  };
}

/** What answering a second step needs: the pool's API and the sign-in to start again. */
export interface SecondStepContext {
  transport: CognitoTransport;
  clientId: string;
  policy: PasswordPolicy;
  /** The username the password step resolved (the library's USER_ID_FOR_SRP), for challenges that do not repeat it. */
  username(): string;
  /** The device this sign-in named (remembered devices), sent with each answer so Cognito adds no new one. */
  deviceKey?(): string | undefined;
  /** A fresh sign-in with the same login and password (a new e-mailed code, or back to the authenticator). */
  restart(): Promise<SignInOutcome>;
}

/** `DEVICE_KEY` for a challenge answer when the sign-in named a device. */
function deviceOf(context: SecondStepContext): { DEVICE_KEY?: string } {
  const key = context.deviceKey?.();
  return key === undefined ? {} : { DEVICE_KEY: key };
}

/** The second factors a SELECT_MFA_TYPE offers that Gatehouse answers, authenticator first. */
export function factorsOffered(answer: AuthAnswer): SecondFactor[] {
  let names: unknown;
  try {
    names = JSON.parse(answer.ChallengeParameters?.MFAS_CAN_CHOOSE ?? '[]');
  } catch {
    names = [];
  }
  const offered = Array.isArray(names) ? names : [];
  return (Object.keys(CHALLENGE_OF) as SecondFactor[]).filter((factor) =>
    offered.includes(CHALLENGE_OF[factor]),
  );
}

/** The outcome for a caught second-step challenge; a challenge Gatehouse cannot answer fails plainly. */
export async function secondStepOutcome(
  context: SecondStepContext,
  answer: AuthAnswer,
): Promise<SignInOutcome> {
  const username =
    answer.ChallengeParameters?.USER_ID_FOR_SRP ?? answer.ChallengeParameters?.USERNAME ?? context.username();
  const respond = async (
    operation: CognitoOperation,
    challenge: string,
    session: string,
    responses: object,
  ) => {
    try {
      return (await context.transport.promisifyRequest('RespondToAuthChallenge', {
        ClientId: context.clientId,
        ChallengeName: challenge,
        Session: session,
        ChallengeResponses: { USERNAME: username, ...deviceOf(context), ...responses },
      })) as AuthAnswer;
    } catch (error) {
      throw toGatehouseError(error, operation, context.policy);
    }
  };
  const unsupported = (operation: CognitoOperation) =>
    toGatehouseError({ code: 'UnsupportedChallenge' }, operation, context.policy);

  /** The answer to a code: the tokens, or (never expected after a second step) a clear failure. */
  const signedIn = (reply: AuthAnswer, operation: CognitoOperation): SignInOutcome => {
    if (reply.AuthenticationResult === undefined) throw unsupported(operation);
    return { kind: 'signed-in', tokens: tokensOf(reply.AuthenticationResult) };
  };

  /** The EMAIL_OTP challenge: the code just mailed; `others` are what this sign-in can switch back to. */
  const emailStep = (challenge: AuthAnswer, others: SecondFactor[]): SignInOutcome => {
    const session = challenge.Session ?? '';
    return {
      kind: 'email-mfa-required',
      delivery: {
        medium: 'EMAIL',
        destination: challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION ?? 'your email address',
      },
      others,
      // A wrong code leaves the session open for another try (Cognito counts the misses).
      complete: async (code) =>
        signedIn(
          await respond('answerSignInCode', 'EMAIL_OTP', session, { EMAIL_OTP_CODE: code }),
          'answerSignInCode',
        ),
      switchTo: (method) => fromFresh(method),
    };
  };

  /** Starts over with the password and goes to `method` (e-mail again means a new code). */
  const fromFresh = async (method: SecondFactor): Promise<SignInOutcome> => {
    const fresh = await context.restart();
    if (method === 'email' && fresh.kind === 'totp-required' && fresh.switchTo !== undefined)
      return fresh.switchTo('email');
    return fresh;
  };

  /**
   * SELECT_MFA_TYPE: the authenticator is asked first (the selection is made when its code comes),
   * so "use e-mail instead" can still select EMAIL_OTP on the same session.
   */
  const chooseStep = async (selection: AuthAnswer): Promise<SignInOutcome> => {
    const offered = factorsOffered(selection);
    const select = async (factor: SecondFactor) => {
      const reply = await respond('answerTotp', 'SELECT_MFA_TYPE', selection.Session ?? '', {
        ANSWER: CHALLENGE_OF[factor],
      });
      if (reply.ChallengeName !== CHALLENGE_OF[factor] || reply.Session === undefined)
        throw unsupported('answerTotp');
      return reply;
    };
    if (!offered.includes('totp')) {
      if (!offered.includes('email')) throw unsupported('signIn');
      return emailStep(await select('email'), []);
    }
    let totpSession: string | undefined;
    const step: SignInOutcome = {
      kind: 'totp-required',
      others: offered.filter((factor) => factor !== 'totp'),
      async complete(code) {
        // Selected once; a wrong code leaves that SOFTWARE_TOKEN_MFA session open for the next try.
        totpSession ??= (await select('totp')).Session as string;
        return signedIn(
          await respond('answerTotp', 'SOFTWARE_TOKEN_MFA', totpSession, { SOFTWARE_TOKEN_MFA_CODE: code }),
          'answerTotp',
        );
      },
      async switchTo(method) {
        if (method === 'totp') return step;
        // After a selection (a wrong authenticator code) this session is spent: start over.
        if (totpSession !== undefined) return fromFresh('email');
        return emailStep(await select('email'), ['totp']);
      },
    };
    return step;
  };

  switch (answer.ChallengeName) {
    case 'SELECT_MFA_TYPE':
      return chooseStep(answer);
    case 'EMAIL_OTP':
      // E-mail is the only (or the preferred) method: Cognito offers no switch.
      return emailStep(answer, []);
    default:
      throw unsupported('signIn');
  }
}
