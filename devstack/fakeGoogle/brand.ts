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
   * Whether ID tokens carry the OIDC standard claim `email_verified` (OpenID Connect Core 1.0 §5.1),
   * as Google's do (https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload);
   * its value is the account's `emailVerified` (default true).
   */
  assertsEmailVerified: boolean;
}

/** The fake Google. */
export const GOOGLE_BRAND: OidcBrand = {
  name: 'Google',
  seededAccounts: SEEDED_ACCOUNTS,
  assertsEmailVerified: true,
};
