import type { OidcBrand } from '../../fakeGoogle/brand.js';

/**
 * The devstack's standards OpenID Connect provider, a stand-in for a company's Microsoft Entra ID
 * single sign-on. It is the fake Google's oidc-provider set up under another name: discovery,
 * JWKS, authorization code, client-secret token endpoint. Entra ID's ID tokens carry `email` but no
 * `email_verified` (https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference),
 * and neither does this one.
 */
export const MICROSOFT_BRAND: OidcBrand = {
  name: 'Microsoft',
  assertsEmailVerified: false,
  seededAccounts: [
    {
      // Entra ID's `sub` is a pairwise base64url string, fixed here so `Microsoft_<sub>` survives restarts.
      sub: 'AAAAAAAAAAAAAAAAAAAAAKp0Ldk0Ll0Cz2mCGJtw8aY',
      email: 'alan@contoso.test',
      password: 'alan-password-1',
      givenName: 'Alan',
      familyName: 'Turing',
    },
    {
      // The same address as the fake Google's Ada: an unverified e-mail equal to another person's.
      sub: 'AAAAAAAAAAAAAAAAAAAAAB3sZ9Q1mFvYc5Y7WJ3kQ0E',
      email: 'ada@gmail.test',
      password: 'ada-at-contoso-1',
      givenName: 'Not',
      familyName: 'Ada',
    },
  ],
};
