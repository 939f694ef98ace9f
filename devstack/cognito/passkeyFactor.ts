import type { CognitoCore } from './core.js';
import { notAuthorized, requireString } from './errors.js';
import { poolWebAuthn } from './passkeys.js';
import { completeSignIn } from './signIn.js';
import type { ChallengeAnswer, FactorStart } from './userAuth.js';
import { assertionCredentialId, authenticationOptions, verifyAssertion } from './webAuthnCeremony.js';

/**
 * The WEB_AUTHN first factor of choice-based sign-in (`USER_AUTH`). InitiateAuth API reference:
 * "WEB_AUTHN: Respond to the challenge with the results of a successful authentication with a
 * WebAuthn authenticator, or passkey, as CREDENTIAL"
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html).
 */

/** Whether the user has a passkey in this pool: WEB_AUTHN is offered only then. */
export function hasPasskey(core: CognitoCore, poolId: string, username: string): boolean {
  return core.passkeys.of(poolId, username).length > 0;
}

/** Starts the WEB_AUTHN challenge: its `CREDENTIAL_REQUEST_OPTIONS` name the user's passkeys. */
export async function passkeyChallenge({ core, client, pool, user, named }: FactorStart) {
  const config = poolWebAuthn(pool.options);
  // An unknown user gets a challenge no passkey can answer, so the reply never reveals who exists.
  const userId = user?.Username ?? named;
  const allowed = user === undefined ? [] : core.passkeys.of(pool.options.Id, user.Username);
  const options = await authenticationOptions(config, allowed);
  const session = core.challenges.begin({
    stage: 'WEB_AUTHN',
    clientId: client.ClientId,
    username: userId,
    known: user !== undefined,
  });
  core.passkeys.startAssertion(session, options.challenge);
  return {
    ChallengeName: 'WEB_AUTHN',
    Session: session,
    ChallengeParameters: { USERNAME: userId, CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
  };
}

/** WEB_AUTHN answered with `CREDENTIAL`: a verified assertion with one of the user's passkeys, then the rest of the sign-in. */
export async function answerPasskey({ core, client, pool, session, responses }: ChallengeAnswer) {
  const state = core.challenges.open(session, client.ClientId, ['WEB_AUTHN']);
  const credential = requireString(responses.CREDENTIAL, 'CREDENTIAL');
  const challenge = core.passkeys.takeAssertion(session);
  // Answered once, right or wrong: a new attempt starts a new sign-in with a new challenge.
  core.challenges.spend(session);
  if (challenge === undefined) throw notAuthorized('Invalid session for the user, session is expired.');
  const stored = core.passkeys.byId(pool.options.Id, assertionCredentialId(credential));
  if (stored === undefined || stored.username.toLowerCase() !== state.username.toLowerCase()) {
    throw notAuthorized('Incorrect passkey credential.');
  }
  const counter = await verifyAssertion(poolWebAuthn(pool.options), credential, challenge, stored);
  const user = await pool.getUserByUsername(core.ctx, stored.username);
  if (user === null) throw notAuthorized();
  core.passkeys.used(stored, counter, Date.now());
  return completeSignIn(core, user, client, pool);
}
