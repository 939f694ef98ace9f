import type { FakeGoogleAccount } from '../../fakeGoogle/accounts.js';

/** Grace, an employee: the directory issued her mailbox, so it vouches for it. */
const GRACE: FakeGoogleAccount = {
  // A persistent NameID (SAML Core §8.3.7): opaque and stable, so `Contoso_<NameID>` survives restarts.
  sub: 'c0a8f3e2-5b1d-4e7a-9c3f-7d2e1b4a6f80',
  email: 'grace@contoso.test',
  password: 'grace-sso-password-1',
  givenName: 'Grace',
  familyName: 'Hopper',
};

/** Oscar, a contractor: an outside address the directory holds but never proved. */
const OSCAR: FakeGoogleAccount = {
  // Equal to the fake Google's Ada: the IdP asserts email_verified=false for it.
  sub: 'd41d8cd9-8f00-4b20-a9e8-0998ecf8427e',
  email: 'ada@gmail.test',
  password: 'oscar-sso-password-1',
  givenName: 'Oscar',
  familyName: 'Outside',
  emailVerified: false,
};

/**
 * The devstack's SAML 2.0 identity provider: a company's single sign-on, "Contoso SSO", known to the
 * pool as the provider `Contoso` (Cognito's provider names allow no spaces:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolidentityprovider.html).
 * Its accounts have the fake Google's shape; `sub` is the persistent NameID the IdP asserts.
 */
export const CONTOSO = {
  /** What the IdP's own pages call it. */
  displayName: 'Contoso SSO',
  /** The provider's name in the pool definition (`identity_provider=Contoso`). */
  providerName: 'Contoso',
  /**
   * The SAML attributes it releases, named by the claim URIs AD FS and Entra ID send by default.
   * There is no standard name for "this address is verified": `email_verified` is this directory's
   * own attribute, `true` only for mailboxes it issued.
   */
  attributes: {
    email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
    familyName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
    emailVerified: 'email_verified',
  },
  seededAccounts: [GRACE, OSCAR] as readonly FakeGoogleAccount[],
} as const;

/** The seeded accounts by name (tests and the README use them). */
export const CONTOSO_ACCOUNTS = { grace: GRACE, oscar: OSCAR } as const;
