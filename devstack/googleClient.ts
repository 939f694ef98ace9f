/**
 * How the dev user pool is registered at the fake Google (and, with the same dev constants, at the
 * devstack's other fake OpenID Providers): a confidential OIDC client, as a Cognito pool is at the
 * real Google. The secret is a dev constant, never a real credential.
 */
export const GOOGLE_CLIENT = {
  clientId: 'gatehouse-cognito-dev',
  clientSecret: 'gatehouse-cognito-dev-secret-not-for-production',
  /** Cognito's fixed callback path for federated identity providers. */
  callbackPath: '/oauth2/idpresponse',
} as const;
