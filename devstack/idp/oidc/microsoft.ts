import type { OidcBrand } from '../../fakeGoogle/brand.js';

/**
 * The devstack's standards OpenID Connect provider, a company's single sign-on named "Microsoft" in
 * the pool. It is the fake Google's oidc-provider set up under another name: discovery, JWKS,
 * authorization code, client-secret token endpoint. It asserts `email_verified` per account, as
 * OpenID Connect Core §5.1 defines it, so the devstack has both a verified and an unverified
 * federated e-mail. (Microsoft Entra ID itself sends no `email_verified`; README "Verified e-mail
 * per provider" says what that means for a real Entra ID pool.)
 */
export const MICROSOFT_BRAND: OidcBrand = {
  name: 'Microsoft',
  assertsEmailVerified: true,
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
      // Someone who typed Ada's address into their directory profile without proving it: an
      // unverified e-mail equal to another person's (the fake Google's Ada).
      sub: 'AAAAAAAAAAAAAAAAAAAAAB3sZ9Q1mFvYc5Y7WJ3kQ0E',
      email: 'ada@gmail.test',
      password: 'mallory-password-1',
      givenName: 'Mallory',
      familyName: 'Unverified',
      emailVerified: false,
    },
  ],
};
