import type { FakeGoogleAccount } from '../../fakeGoogle/accounts.js';

/** An Apple ID the fake Apple knows, and how Apple shares its e-mail with the app. */
export interface AppleAccount extends FakeGoogleAccount {
  /**
   * The private-relay address the user chose to share instead of their own ("Hide My Email",
   * https://support.apple.com/en-us/105078); absent when they share their real address.
   */
  relayEmail?: string;
  /**
   * Whether the ID token carries `email_verified`/`is_private_email` as the strings "true"/"false"
   * rather than booleans: Apple documents both forms
   * (https://developer.apple.com/documentation/signinwithapple/authenticating-users-with-sign-in-with-apple).
   */
  stringClaims?: boolean;
}

/** The seeded Apple IDs; `sub` is Apple's stable team-scoped user identifier. */
export const APPLE_ACCOUNTS: readonly AppleAccount[] = [
  {
    sub: '001234.5f3e9a1c2b7d4e6f8a0b1c2d3e4f5a6b.1234',
    email: 'joan@icloud.test',
    password: 'joan-password-1',
    givenName: 'Joan',
    familyName: 'Clarke',
    relayEmail: 'k2xq7m9pdz@privaterelay.appleid.com',
    stringClaims: true,
  },
  {
    sub: '001234.9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49.5678',
    email: 'dorothy@icloud.test',
    password: 'dorothy-password-1',
    givenName: 'Dorothy',
    familyName: 'Vaughan',
  },
];
