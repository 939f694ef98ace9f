import { type FakeGoogleAccount, SEEDED_ACCOUNTS } from './accounts.js';

/**
 * Who a running fake OpenID Provider stands in for. The same oidc-provider setup serves the fake
 * Google and any standards OIDC provider (the devstack's "Microsoft"); only the name on its pages,
 * its seeded accounts and whether it asserts `email_verified` differ.
 */
export interface OidcBrand {
  /** Shown on the pages and in the log ("fake Microsoft"). */
  name: string;
  /** Accounts every start has (fixed `sub`s, so federated Cognito users survive restarts). */
  seededAccounts: readonly FakeGoogleAccount[];
  /**
   * Whether ID tokens carry `email_verified: true`. Google's do
   * (https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload);
   * Microsoft Entra ID's do not (https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference).
   */
  assertsEmailVerified: boolean;
}

/** The fake Google. */
export const GOOGLE_BRAND: OidcBrand = {
  name: 'Google',
  seededAccounts: SEEDED_ACCOUNTS,
  assertsEmailVerified: true,
};
