import { randomUUID } from 'node:crypto';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from './core.js';
import { invalidParameter, notAuthorized, requireString } from './errors.js';
import { assertConfirmed, completeSignIn } from './signIn.js';
import { N, newSalt, padHex, parseHex, passwordVerifier, serverEphemeral } from './srp.js';
import { findPasswordUser } from './users.js';

/** The pool id without its region prefix, as the SRP hashes use it. */
export function srpPoolName(userPoolId: string): string {
  return userPoolId.split('_')[1] ?? userPoolId;
}

/** A verifier nobody can match, for decoy challenges to unknown users. */
const DECOY_PASSWORD = () => randomUUID();

/**
 * The PASSWORD_VERIFIER challenge of an SRP sign-in (USER_SRP_AUTH, or USER_AUTH's PASSWORD_SRP):
 * the server's half of the exchange, sealed in SECRET_BLOCK for RespondToAuthChallenge.
 */
export async function passwordVerifierChallenge(
  core: CognitoCore,
  client: AppClient,
  pool: UserPoolService,
  username: string,
  srpA: string | undefined,
) {
  const A = parseHex(requireString(srpA, 'SRP_A'));
  if (A === undefined || A % N === 0n) throw invalidParameter('Invalid SRP_A');
  const user = await findPasswordUser(core.ctx, pool, username);
  // Unknown users get a decoy challenge that can only fail, so the reply never reveals who exists.
  const userId = user?.Username ?? username;
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

/**
 * A sign-in with the plain password (USER_PASSWORD_AUTH, or USER_AUTH's PASSWORD), under the
 * lockout: tokens, or the second-factor challenge that follows.
 */
export async function passwordSignIn(
  core: CognitoCore,
  client: AppClient,
  pool: UserPoolService,
  username: string,
  password: string | undefined,
  deviceKey?: string,
) {
  const user = await findPasswordUser(core.ctx, pool, username);
  const given = requireString(password, 'PASSWORD');
  if (user === undefined) throw notAuthorized();
  assertConfirmed(user);
  await core.lockout.attempt('password', pool.options.Id, user.Username, () => {
    if (user.Password !== given) throw notAuthorized();
  });
  return completeSignIn(core, user, client, pool, deviceKey);
}
