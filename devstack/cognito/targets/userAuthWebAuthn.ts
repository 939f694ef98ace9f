import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from '../core.js';
import { invalidParameter, notAuthorized, requireString } from '../errors.js';
import { poolWebAuthn } from '../passkeys.js';
import { assertFlowAllowed, completeSignIn } from '../signIn.js';
import { findPasswordUser } from '../users.js';
import { assertionCredentialId, authenticationOptions, verifyAssertion } from '../webAuthnCeremony.js';

/**
 * The WEB_AUTHN path of choice-based sign-in (`USER_AUTH`), and only that path: issue 26 builds
 * USER_AUTH's other first factors (EMAIL_OTP, SMS_OTP, PASSWORD) at the same time; the two meet
 * in `initiateAuth` / `respondToAuthChallenge`. InitiateAuth API reference: "WEB_AUTHN: Respond to
 * the challenge with the results of a successful authentication with a WebAuthn authenticator, or
 * passkey, as CREDENTIAL" (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html).
 */

/** InitiateAuth `USER_AUTH` with `PREFERRED_CHALLENGE=WEB_AUTHN`: the WEB_AUTHN challenge with `CREDENTIAL_REQUEST_OPTIONS`. */
export async function initiateUserAuthWebAuthn(
  core: CognitoCore,
  client: AppClient,
  pool: UserPoolService,
  params: Record<string, string>,
) {
  assertFlowAllowed(client, 'USER_AUTH');
  const username = requireString(params.USERNAME, 'USERNAME');
  if (params.PREFERRED_CHALLENGE !== 'WEB_AUTHN') {
    throw invalidParameter('The devstack answers USER_AUTH with PREFERRED_CHALLENGE=WEB_AUTHN only.');
  }
  const config = poolWebAuthn(pool.options);
  const user = await findPasswordUser(core.ctx, pool, username);
  // An unknown user gets a challenge no passkey can answer, so the reply never reveals who exists.
  const userId = user?.Username ?? username;
  const allowed = user === undefined ? [] : core.passkeys.of(pool.options.Id, user.Username);
  const options = await authenticationOptions(config, allowed);
  const session = core.challenges.begin({ stage: 'WEB_AUTHN', clientId: client.ClientId, username: userId });
  core.passkeys.startAssertion(session, options.challenge);
  return {
    ChallengeName: 'WEB_AUTHN',
    Session: session,
    ChallengeParameters: { USERNAME: userId, CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
    AvailableChallenges: ['WEB_AUTHN'],
  };
}

/** RespondToAuthChallenge `WEB_AUTHN`: a verified assertion with one of the user's passkeys, then the rest of the sign-in. */
export async function answerWebAuthn(
  core: CognitoCore,
  req: Record<string, unknown>,
  responses: Record<string, string>,
  client: AppClient,
  pool: UserPoolService,
) {
  const session = requireString(req.Session, 'Session');
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
