import {
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { GatehouseError } from '../../../shared/errors';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { FirstAuthFactor } from '../../../shared/poolDefinition';
import type { CodeDelivery } from './codeDelivery';
import { toGatehouseError } from './cognitoErrors';
import type { SignInOutcome } from './passwordSignIn';
import { fromCognitoSession, type UserPool } from './userPool';

/**
 * Sign-in with a one-time code instead of the password: Cognito's choice-based sign-in
 * (`InitiateAuth` `AuthFlow=USER_AUTH` with `PREFERRED_CHALLENGE` EMAIL_OTP or SMS_OTP,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html).
 * amazon-cognito-identity-js has no USER_AUTH, so this speaks the user-pool API through the same
 * transport (timeouts, one attempt, typed failures).
 */

/** How the code travels: `EMAIL` for the EMAIL_OTP challenge, `SMS` for SMS_OTP. */
export type CodeMedium = CodeDelivery['medium'];

const CHALLENGE: Record<CodeMedium, 'EMAIL_OTP' | 'SMS_OTP'> = { EMAIL: 'EMAIL_OTP', SMS: 'SMS_OTP' };

/** The code media a pool's allowed first factors offer (EMAIL_OTP → EMAIL, SMS_OTP → SMS). */
export function codeMediaOf(factors: readonly FirstAuthFactor[]): CodeMedium[] {
  return (Object.keys(CHALLENGE) as CodeMedium[]).filter((medium) => factors.includes(CHALLENGE[medium]));
}

/** Sign-in by a code sent to the account's verified e-mail or phone. */
export interface CodeSignIn {
  /** Sends a code; resolves with the `code-required` step that the code completes. */
  signInWithCode(login: string, medium: CodeMedium): Promise<SignInOutcome>;
}

/** What InitiateAuth / RespondToAuthChallenge answer, as far as this flow reads it. */
export interface AuthAnswer {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AuthenticationResult?: { IdToken?: string; AccessToken?: string; RefreshToken?: string };
}

/** Cognito offered no code for this account: it has two-step verification on, or no verified address. */
function codeUnavailable(medium: CodeMedium): GatehouseError {
  const where = medium === 'EMAIL' ? 'email' : 'text message';
  return new GatehouseError(
    'code_sign_in_unavailable',
    `We can't send a sign-in code by ${where} for this account. Sign in with your password instead.`,
  );
}

/** The tokens of an `AuthenticationResult`, with their expiry read from the tokens themselves. */
export function tokensOf(result: NonNullable<AuthAnswer['AuthenticationResult']>) {
  return fromCognitoSession(
    new CognitoUserSession({
      IdToken: new CognitoIdToken({ IdToken: result.IdToken ?? '' }),
      AccessToken: new CognitoAccessToken({ AccessToken: result.AccessToken ?? '' }),
      RefreshToken: new CognitoRefreshToken({ RefreshToken: result.RefreshToken ?? '' }),
    }),
  );
}

/** Creates the code sign-in over one user pool. */
export function createCodeSignIn(userPool: UserPool, policy: PasswordPolicy): CodeSignIn {
  const clientId = userPool.pool.getClientId();
  const call = async (operation: string, params: unknown) =>
    (await userPool.transport.promisifyRequest(operation, params)) as AuthAnswer;

  return {
    async signInWithCode(login, medium) {
      const challenge = CHALLENGE[medium];
      let sent: AuthAnswer;
      try {
        sent = await call('InitiateAuth', {
          ClientId: clientId,
          AuthFlow: 'USER_AUTH',
          AuthParameters: { USERNAME: login, PREFERRED_CHALLENGE: challenge },
        });
      } catch (error) {
        throw toGatehouseError(error, 'sendSignInCode', policy);
      }
      // SELECT_CHALLENGE instead of the code: Cognito does not offer this code to this account.
      if (sent.ChallengeName !== challenge || sent.Session === undefined) throw codeUnavailable(medium);
      const username = sent.ChallengeParameters?.USERNAME ?? login;
      const delivery: CodeDelivery = {
        medium,
        destination: sent.ChallengeParameters?.CODE_DELIVERY_DESTINATION ?? 'your account',
      };
      const session = sent.Session;
      return {
        kind: 'code-required',
        login,
        delivery,
        // A wrong code leaves Cognito's session open for another try, so every try answers the same one.
        async complete(code) {
          let answer: AuthAnswer;
          try {
            answer = await call('RespondToAuthChallenge', {
              ClientId: clientId,
              ChallengeName: challenge,
              Session: session,
              ChallengeResponses: { USERNAME: username, [`${challenge}_CODE`]: code },
            });
          } catch (error) {
            throw toGatehouseError(error, 'answerSignInCode', policy);
          }
          if (answer.AuthenticationResult === undefined) {
            throw toGatehouseError({ code: 'UnsupportedChallenge' }, 'answerSignInCode', policy);
          }
          return { kind: 'signed-in', tokens: tokensOf(answer.AuthenticationResult) };
        },
      };
    },
  };
}
