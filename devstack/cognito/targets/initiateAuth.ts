import { randomUUID } from 'node:crypto';
import type { CognitoCore } from '../core.js';
import { invalidParameter, notAuthorized, requireString, stringRecord } from '../errors.js';
import { rotationOf } from '../rotation.js';
import { TokenRefused } from '../sessions.js';
import { assertConfirmed, assertFlowAllowed, completeSignIn } from '../signIn.js';
import { N, newSalt, padHex, parseHex, passwordVerifier, serverEphemeral } from '../srp.js';
import { findPasswordUser } from '../users.js';
import { initiateUserAuthWebAuthn } from './userAuthWebAuthn.js';

/** The pool id without its region prefix, as the SRP hashes use it. */
export function srpPoolName(userPoolId: string): string {
  return userPoolId.split('_')[1] ?? userPoolId;
}

/** A verifier nobody can match, for decoy challenges to unknown users. */
const DECOY_PASSWORD = () => randomUUID();

/** Messages Cognito uses when refusing a refresh token. */
export const REFRESH_REFUSALS: Record<TokenRefused['reason'], string> = {
  invalid: 'Invalid Refresh Token',
  revoked: 'Refresh Token has been revoked',
  expired: 'Refresh Token has expired',
  user: 'User does not exist.',
  rotated: 'Invalid Refresh Token',
};

/** InitiateAuth: USER_SRP_AUTH, USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, all with e-mail alias sign-in. */
export function initiateAuth(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const flow = requireString(req.AuthFlow, 'AuthFlow');
    const { client, pool } = await core.clientAndPool(requireString(req.ClientId, 'ClientId'));
    const params = stringRecord(req.AuthParameters, 'AuthParameters');

    if (flow === 'USER_SRP_AUTH') {
      assertFlowAllowed(client, flow);
      const A = parseHex(requireString(params.SRP_A, 'SRP_A'));
      if (A === undefined || A % N === 0n) throw invalidParameter('Invalid SRP_A');
      const user = await findPasswordUser(core.ctx, pool, requireString(params.USERNAME, 'USERNAME'));
      // Unknown users get a decoy challenge that can only fail, so the reply never reveals who exists.
      const userId = user?.Username ?? params.USERNAME ?? '';
      const salt = newSalt();
      const verifier = passwordVerifier(
        srpPoolName(pool.options.Id),
        userId,
        user?.Password ?? DECOY_PASSWORD(),
        salt,
      );
      const { b, B } = serverEphemeral(verifier);
      const secretBlock = core.secretBlocks.seal({
        clientId: client.ClientId,
        username: userId,
        known: user !== undefined,
        A: A.toString(16),
        b: b.toString(16),
        B: B.toString(16),
        salt: salt.toString(16),
      });
      return {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: {
          SALT: padHex(salt),
          SECRET_BLOCK: secretBlock,
          SRP_B: B.toString(16),
          USERNAME: userId,
          USER_ID_FOR_SRP: userId,
        },
      };
    }

    if (flow === 'USER_PASSWORD_AUTH') {
      assertFlowAllowed(client, flow);
      const user = await findPasswordUser(core.ctx, pool, requireString(params.USERNAME, 'USERNAME'));
      const password = requireString(params.PASSWORD, 'PASSWORD');
      if (user === undefined) throw notAuthorized();
      assertConfirmed(user);
      await core.lockout.attempt('password', pool.options.Id, user.Username, () => {
        if (user.Password !== password) throw notAuthorized();
      });
      return completeSignIn(core, user, client, pool);
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

    if (flow === 'USER_AUTH') return initiateUserAuthWebAuthn(core, client, pool, params);

    throw invalidParameter(`AuthFlow ${flow} is not supported by the devstack`);
  };
}
