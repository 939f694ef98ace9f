/** The pool's OpenID discovery document, shaped like Cognito's (cognito-local's hard-codes port 9229). */
export function discoveryDocument(cognitoUrl: string, userPoolId: string): Record<string, unknown> {
  const issuer = `${cognitoUrl}/${userPoolId}`;
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    authorization_endpoint: `${cognitoUrl}/oauth2/authorize`,
    token_endpoint: `${cognitoUrl}/oauth2/token`,
    userinfo_endpoint: `${cognitoUrl}/oauth2/userInfo`,
    revocation_endpoint: `${cognitoUrl}/oauth2/revoke`,
    end_session_endpoint: `${cognitoUrl}/logout`,
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
  };
}
