import type { CognitoCore } from '../core.js';
import { invalidParameter, notAuthorized, requireString, stringRecord } from '../errors.js';
import { passwordSignIn, passwordVerifierChallenge } from '../passwordFactor.js';
import { rotationOf } from '../rotation.js';
import { TokenRefused } from '../sessions.js';
import { assertFlowAllowed } from '../signIn.js';
import { startUserAuth } from '../userAuth.js';

/** Messages Cognito uses when refusing a refresh token. */
export const REFRESH_REFUSALS: Record<TokenRefused['reason'], string> = {
  invalid: 'Invalid Refresh Token',
  revoked: 'Refresh Token has been revoked',
  expired: 'Refresh Token has expired',
  user: 'User does not exist.',
  rotated: 'Invalid Refresh Token',
};

/** InitiateAuth: USER_SRP_AUTH, USER_AUTH (choice-based, userAuth.ts), USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, all with e-mail alias sign-in. */
export function initiateAuth(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const flow = requireString(req.AuthFlow, 'AuthFlow');
    const { client, pool } = await core.clientAndPool(requireString(req.ClientId, 'ClientId'));
    const params = stringRecord(req.AuthParameters, 'AuthParameters');

    if (flow === 'USER_SRP_AUTH') {
      assertFlowAllowed(client, flow);
      return passwordVerifierChallenge(
        core,
        client,
        pool,
        requireString(params.USERNAME, 'USERNAME'),
        params.SRP_A,
      );
    }

    if (flow === 'USER_AUTH') return startUserAuth(core, client, pool, params);

    if (flow === 'USER_PASSWORD_AUTH') {
      assertFlowAllowed(client, flow);
      return passwordSignIn(
        core,
        client,
        pool,
        requireString(params.USERNAME, 'USERNAME'),
        params.PASSWORD,
        params.DEVICE_KEY,
      );
    }

    if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
      // "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation enabled."
      // (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html)
      if (rotationOf(client).enabled)
        throw notAuthorized(
          'Refresh token rotation is enabled for this client; use GetTokensFromRefreshToken.',
        );
      assertFlowAllowed(client, 'REFRESH_TOKEN_AUTH');
      try {
        const tokens = await core.sessions.refresh(
          requireString(params.REFRESH_TOKEN, 'REFRESH_TOKEN'),
          client,
        );
        return {
          ChallengeParameters: {},
          AuthenticationResult: {
            AccessToken: tokens.accessToken,
            ExpiresIn: tokens.expiresIn,
            IdToken: tokens.idToken,
            TokenType: 'Bearer',
          },
        };
      } catch (err) {
        if (err instanceof TokenRefused) throw notAuthorized(REFRESH_REFUSALS[err.reason]);
        throw err;
      }
    }

    throw invalidParameter(`AuthFlow ${flow} is not supported by the devstack`);
  };
}
