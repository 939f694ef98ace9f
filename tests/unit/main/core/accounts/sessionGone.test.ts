import { describe, expect, it } from 'vitest';
import { createCognitoTransport } from '../../../../../src/main/core/accounts/cognitoTransport';
import { sessionGone } from '../../../../../src/main/core/accounts/sessionGone';

/**
 * Any user-pool answer that says the session behind an access token is over reaches the session,
 * whatever the operation. After GlobalSignOut "Amazon Cognito returns an Access Token has been
 * revoked error" to calls with the user's access tokens:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html
 * (the devstack's answer is checked against the AWS SDK in devstack/test/conformance/awsSdk.test.ts).
 */

/** A fetch that answers every request with Cognito's JSON error `type`/`message`. */
const answering =
  (type: string, message: string): typeof fetch =>
  async () =>
    new Response(JSON.stringify({ __type: type, message }), {
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    });

async function tokensReported(operation: string, params: object, type: string, message: string) {
  const reported: string[] = [];
  const transport = createCognitoTransport({
    endpoint: 'http://127.0.0.1:9/',
    timeoutMs: 1_000,
    fetch: answering(type, message),
    onSessionGone: (token) => reported.push(token),
  });
  await expect(transport.promisifyRequest(operation, params)).rejects.toMatchObject({ code: type });
  return reported;
}

describe('a session Cognito ended, whatever the call', () => {
  for (const operation of ['ChangePassword', 'GetUser', 'UpdateUserAttributes', 'SetUserMFAPreference']) {
    it(`${operation} refused with "Access Token has been revoked" reports the token`, async () => {
      expect(
        await tokensReported(
          operation,
          { AccessToken: 'access-1' },
          'NotAuthorizedException',
          'Access Token has been revoked',
        ),
      ).toEqual(['access-1']);
    });
  }

  it('an expired access token is not a revoked session (a refresh cures it)', async () => {
    expect(
      await tokensReported(
        'GetUser',
        { AccessToken: 'a' },
        'NotAuthorizedException',
        'Access Token has expired',
      ),
    ).toEqual([]);
  });

  it('a wrong current password is not a revoked session', async () => {
    expect(
      await tokensReported(
        'ChangePassword',
        { AccessToken: 'a' },
        'NotAuthorizedException',
        'Incorrect username or password.',
      ),
    ).toEqual([]);
  });

  it('a refusal of a call without an access token (a sign-in, a refresh) reports nothing', async () => {
    expect(
      await tokensReported(
        'GetTokensFromRefreshToken',
        { RefreshToken: 'r' },
        'NotAuthorizedException',
        'Refresh Token has been revoked',
      ),
    ).toEqual([]);
  });

  it('a deleted or disabled user is a session gone too', () => {
    expect(sessionGone('UserNotFoundException', 'User does not exist.')).toBe(true);
    expect(sessionGone('NotAuthorizedException', 'User does not exist.')).toBe(true);
    expect(sessionGone('NotAuthorizedException', 'User is disabled.')).toBe(true);
    expect(sessionGone('LimitExceededException', 'Attempt limit exceeded')).toBe(false);
  });
});
