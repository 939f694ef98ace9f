import { timingSafeEqual } from 'node:crypto';
import type { CognitoCore } from '../core.js';
import { notAuthorized, requireString, stringRecord } from '../errors.js';
import { assertConfirmed, completeSignIn } from '../signIn.js';
import { claimSignature, passwordVerifier, sharedKey } from '../srp.js';
import { findPasswordUser, findUser } from '../users.js';
import { srpPoolName } from './initiateAuth.js';

/** How far the client's TIMESTAMP may be from the server clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Parses the SDK's `ddd MMM D HH:mm:ss UTC YYYY` timestamp. */
function parseTimestamp(text: string): number | undefined {
  const m = /^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(
    text,
  );
  if (m === null) return undefined;
  const t = Date.parse(`${m[2]} ${m[1]} ${m[6]} ${m[3]}:${m[4]}:${m[5]} UTC`);
  return Number.isNaN(t) ? undefined : t;
}

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * RespondToAuthChallenge. PASSWORD_VERIFIER is answered here (SRP proof check); other challenges
 * (NEW_PASSWORD_REQUIRED, MFA) go to cognito-local after the username is resolved.
 */
export function respondToAuthChallenge(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const challenge = requireString(req.ChallengeName, 'ChallengeName');
    const clientId = requireString(req.ClientId, 'ClientId');
    const { client, pool } = await core.clientAndPool(clientId);
    const responses = stringRecord(req.ChallengeResponses, 'ChallengeResponses');

    if (challenge !== 'PASSWORD_VERIFIER') {
      const user = await findUser(core.ctx, pool, requireString(responses.USERNAME, 'USERNAME'), true);
      if (user === undefined) throw notAuthorized();
      return core.route('RespondToAuthChallenge')(core.ctx, {
        ...req,
        ChallengeResponses: { ...responses, USERNAME: user.Username },
      });
    }

    const block = requireString(responses.PASSWORD_CLAIM_SECRET_BLOCK, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const signature = requireString(responses.PASSWORD_CLAIM_SIGNATURE, 'PASSWORD_CLAIM_SIGNATURE');
    const timestamp = requireString(responses.TIMESTAMP, 'TIMESTAMP');
    const username = requireString(responses.USERNAME, 'USERNAME');

    const state = core.secretBlocks.open(block);
    if (state === 'expired') throw notAuthorized('Invalid session for the user, session is expired.');
    if (state === 'invalid' || state.clientId !== clientId || state.username !== username) {
      throw notAuthorized('Invalid session for the user.');
    }
    const time = parseTimestamp(timestamp);
    if (time === undefined || Math.abs(Date.now() - time) > MAX_CLOCK_SKEW_MS) {
      throw notAuthorized('Invalid timestamp or signature.');
    }
    const user = state.known ? await findPasswordUser(core.ctx, pool, state.username) : undefined;
    if (user === undefined) throw notAuthorized();
    assertConfirmed(user);

    const poolName = srpPoolName(pool.options.Id);
    const verifier = passwordVerifier(poolName, user.Username, user.Password, BigInt(`0x${state.salt}`));
    const key = sharedKey(BigInt(`0x${state.A}`), BigInt(`0x${state.B}`), BigInt(`0x${state.b}`), verifier);
    if (key === undefined) throw notAuthorized();
    if (!sameSignature(claimSignature(key, poolName, user.Username, block, timestamp), signature)) {
      throw notAuthorized();
    }
    return completeSignIn(core, user, client);
  };
}
