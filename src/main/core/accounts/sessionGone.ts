/**
 * Which user-pool answers mean the session behind an access token is over, whatever the operation:
 * Cognito revokes a user's access tokens at GlobalSignOut / AdminUserGlobalSignOut ("Amazon Cognito
 * returns an Access Token has been revoked error",
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html),
 * and refuses every token of a user that was deleted or disabled. An expired access token is not in
 * this list: a refresh cures that.
 */
const SESSION_GONE = /access token has been revoked|user does not exist|user is disabled/i;

/** True when Cognito's error answer `code`/`message` to a call made with an access token says its session is gone. */
export function sessionGone(code: string, message: string): boolean {
  return (
    code === 'UserNotFoundException' || (code === 'NotAuthorizedException' && SESSION_GONE.test(message))
  );
}

/** The access token a user-pool request carried, if any (every signed-in operation sends it as `AccessToken`). */
export function accessTokenOf(params: unknown): string | undefined {
  const token = (params as { AccessToken?: unknown } | null)?.AccessToken;
  return typeof token === 'string' ? token : undefined;
}
