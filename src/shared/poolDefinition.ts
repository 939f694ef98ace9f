/**
 * The one definition of Gatehouse's Cognito user pool and its desktop app client. Three readers,
 * no copies: the devstack creates its local pool and client from it (`devstack/cognito/pool.ts`),
 * the app takes its defaults from it (password policy, OAuth scopes, redirect URIs), and the CDK
 * app deploys it (`infra/`). `infra/test/poolAgreement.test.ts` and the other infra tests fail
 * when any of them disagrees with this file.
 *
 * Plain data, no imports but a type: it is bundled into the renderer-free main process, run by tsx
 * in the devstack and the CDK app, and read by tests.
 */
import type { PasswordPolicy } from './passwordPolicy';

/** The app's password policy (src/shared/passwordPolicy.ts) plus what only the pool itself needs. */
export interface PoolPasswordPolicy extends PasswordPolicy {
  /** Days an admin-set temporary password stays usable. */
  temporaryPasswordValidityDays: number;
}

/**
 * The kinds of identity provider Cognito federates, spelled as Cognito's `ProviderType`
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html).
 */
export const PROVIDER_KINDS = [
  'Google',
  'Facebook',
  'SignInWithApple',
  'LoginWithAmazon',
  'OIDC',
  'SAML',
] as const;
/** One of {@link PROVIDER_KINDS}. */
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
/** A first factor of choice-based sign-in (`USER_AUTH`), as `SignInPolicy.AllowedFirstAuthFactors` names it. */
export type FirstAuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** One federated identity provider and how its claims map onto pool attributes. */
export interface PoolIdentityProvider {
  /** Cognito's provider type. */
  kind: ProviderKind;
  /**
   * Provider name as the app client and `identity_provider=` know it. Cognito requires the kind
   * itself as the name of its social providers (`Google`, `Facebook`, …); OIDC and SAML providers
   * get a name of the pool's choosing, shown on the button (e.g. `Microsoft`).
   */
  name: string;
  /**
   * What people call the provider, on buttons and in messages, when the Cognito name is not a word
   * for people (`Apple` for `SignInWithApple`); default the name.
   */
  displayName?: string;
  /** Scopes the pool asks the provider for. */
  authorizeScopes: readonly string[];
  /** Pool attribute → provider claim. */
  attributeMapping: Readonly<Record<string, string>>;
  /**
   * Whether this provider's e-mail reaches the pool as verified: `mapped` when the provider asserts
   * `email_verified` and the mapping carries it (Google), `never` when it asserts nothing, so the
   * pool's `email_verified` stays false and the backend refuses to key a profile by that e-mail.
   * The README's "Verified e-mail per provider" gives the sources.
   */
  emailVerified: 'mapped' | 'never';
  /** SAML providers only: Cognito's `ProviderDetails` switches for this IdP. */
  saml?: SamlProviderOptions;
  /**
   * Cognito's `IdpIdentifiers`: other names for this provider, such as the company's e-mail domain,
   * that `/oauth2/authorize?idp_identifier=…` accepts instead of the provider's name
   * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetIdentityProviderByIdentifier.html).
   */
  idpIdentifiers?: readonly string[];
}

/**
 * How the pool treats one SAML IdP (`ProviderDetails` of CreateIdentityProvider:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html).
 * Where its metadata lives (`MetadataURL` or `MetadataFile`) is the deployment's business, not the definition's.
 */
export interface SamlProviderOptions {
  /**
   * `IdpInitiated`: accept responses that answer no AuthnRequest (a portal's bookmark). Off: Cognito
   * then cannot tell a solicited response from a forged or replayed one
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-SAML-session-initiation.html).
   */
  idpInitiated: boolean;
  /**
   * `IDPSignout`: at `/logout`, also send the user to the IdP's single logout service. Off (Cognito's
   * default): sign-out ends the pool's session only.
   */
  idpSignOut: boolean;
}

export interface PoolDefinition {
  /**
   * Sign-in by username; these attributes work as aliases once verified (sign-in by e-mail or by phone
   * number in E.164). Cognito fixes them when the pool is created: changing them replaces the pool.
   */
  aliasAttributes: readonly ['email', 'phone_number'];
  /** Usernames compare case-insensitively (`Ada` and `ada` are one user). */
  usernameCaseSensitive: false;
  /** Standard attributes every sign-up must carry. */
  requiredAttributes: readonly string[];
  /** Attributes verified by an e-mailed code. */
  autoVerifiedAttributes: readonly ['email'];
  /**
   * A changed e-mail replaces the old one only once its code is verified (Cognito's
   * `AttributesRequireVerificationBeforeUpdate`; CDK `keepOriginal`): until then the old address
   * stays the sign-in alias and the token's `email`.
   */
  attributesRequireVerificationBeforeUpdate: readonly ['email'];
  passwordPolicy: PoolPasswordPolicy;
  /**
   * Two-step verification is the user's choice (`OPTIONAL`): users who turn it on answer a
   * `SOFTWARE_TOKEN_MFA` challenge at every sign-in. Google accounts get their second step from Google.
   */
  mfa: 'OFF' | 'OPTIONAL';
  /**
   * Second factors the pool offers: authenticator-app codes (TOTP) and e-mailed codes (Essentials;
   * on AWS e-mail MFA needs the pool to send through Amazon SES); no SMS MFA (it needs an SNS role
   * and costs money).
   */
  mfaSecondFactor: { otp: boolean; sms: false; email: boolean };
  /** Cognito's feature plan: Essentials offers choice-based sign-in (`USER_AUTH`) and e-mail MFA. */
  featurePlan: 'ESSENTIALS';
  /**
   * What a `USER_AUTH` sign-in may start with (the pool's `Policies.SignInPolicy.AllowedFirstAuthFactors`):
   * the password, a one-time code e-mailed to the verified address or texted to the verified phone, or a
   * passkey. Cognito offers the code factors only to users without MFA, the passkey only to users who
   * registered one.
   */
  allowedFirstAuthFactors: readonly FirstAuthFactor[];
  /** Forgotten-password codes go to the verified e-mail only. */
  accountRecovery: 'verified_email';
  /**
   * Passkeys (WebAuthn) as a first sign-in factor, through managed login and choice-based sign-in
   * (`USER_AUTH`); needs the Essentials feature plan. `userVerification` is the pool's
   * `WebAuthnConfiguration.UserVerification`. The relying party id is not here: it is the domain the
   * managed login is served from (the pool's prefix domain, or its custom domain once one is added).
   */
  passkeys: { userVerification: 'preferred' | 'required' };
  /**
   * Remembered devices (the pool's `DeviceConfiguration`; CDK `deviceTracking`): every sign-in gets a
   * device key; `challengeRequiredOnNewDevice` lets a remembered device stand in for the second step,
   * and `deviceOnlyRememberedOnUserPrompt` remembers a device only when the user ticks "Remember this
   * device" (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html).
   */
  deviceTracking: { challengeRequiredOnNewDevice: boolean; deviceOnlyRememberedOnUserPrompt: boolean };
  client: {
    /** Public client: a desktop app cannot keep a secret. */
    generateSecret: false;
    /**
     * Cognito auth flows the desktop app uses: SRP sign-in, choice-based sign-in (codes, and managed
     * login's passkey sign-in). `ALLOW_REFRESH_TOKEN_AUTH` only when rotation is off: with rotation the
     * refresh goes through GetTokensFromRefreshToken (and the CDK leaves the flow out).
     */
    explicitAuthFlows: readonly string[];
    /** "User does not exist" reads like "wrong password" (no account enumeration). */
    preventUserExistenceErrors: true;
    /** Refresh tokens can be revoked (sign-out). */
    enableTokenRevocation: true;
    /** Hosted UI grant: authorization code (+ PKCE) only, never implicit. */
    oauthFlows: readonly ['code'];
    /** Scopes the app asks for; `aws.cognito.signin.user.admin` lets Hosted UI tokens call GetUser & co. */
    oauthScopes: readonly string[];
    callbackUrls: readonly string[];
    logoutUrls: readonly string[];
    /** `COGNITO` plus the name of every provider below. */
    supportedIdentityProviders: readonly string[];
    /**
     * ID and access tokens are short-lived (5–15 minutes): the backend accepts an ID token until it
     * expires, so this is also how long a signed-out session's ID token still opens the API.
     */
    tokenValidity: { accessMinutes: number; idMinutes: number; refreshDays: number };
    /**
     * Refresh-token rotation (the client's `RefreshTokenRotation`): every refresh returns a new refresh
     * token (through GetTokensFromRefreshToken, since REFRESH_TOKEN_AUTH is refused), and the one it
     * replaces keeps working for `retryGracePeriodSeconds` (0–60), which lets an app that crashed before
     * saving the new token refresh once more with the old one.
     */
    refreshTokenRotation: { enabled: boolean; retryGracePeriodSeconds: number };
  };
  identityProviders: readonly PoolIdentityProvider[];
}

/** The app's custom-scheme URIs registered on the client (deep links back from the Hosted UI). */
export const APP_REDIRECT_URI = 'gatehouse://auth/callback';
export const APP_SIGN_OUT_URI = 'gatehouse://auth/signed-out';

/** The scopes asked of an OpenID provider for sign-in: identity, e-mail and name. */
const OIDC_SCOPES = ['openid', 'email', 'profile'] as const;

/** Pool attributes from the OpenID Connect standard claims of the same names (OpenID Connect Core 1.0 §5.1). */
const OIDC_STANDARD_CLAIMS = {
  email: 'email',
  email_verified: 'email_verified',
  given_name: 'given_name',
  family_name: 'family_name',
} as const;

export const POOL_DEFINITION: PoolDefinition = {
  aliasAttributes: ['email', 'phone_number'],
  usernameCaseSensitive: false,
  requiredAttributes: ['email', 'given_name'],
  autoVerifiedAttributes: ['email'],
  attributesRequireVerificationBeforeUpdate: ['email'],
  passwordPolicy: {
    minLength: 8,
    requireLowercase: true,
    requireUppercase: true,
    requireNumbers: true,
    requireSymbols: true,
    temporaryPasswordValidityDays: 7,
  },
  mfa: 'OPTIONAL',
  mfaSecondFactor: { otp: true, sms: false, email: true },
  featurePlan: 'ESSENTIALS',
  allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
  accountRecovery: 'verified_email',
  passkeys: { userVerification: 'preferred' },
  deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
  client: {
    generateSecret: false,
    // ALLOW_USER_AUTH: choice-based sign-in, which managed login's passkey sign-in goes through.
    explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH'],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    oauthFlows: ['code'],
    oauthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
    callbackUrls: [APP_REDIRECT_URI],
    logoutUrls: [APP_SIGN_OUT_URI],
    supportedIdentityProviders: [
      'COGNITO',
      'Google',
      'SignInWithApple',
      'Facebook',
      'LoginWithAmazon',
      'Microsoft',
      'Contoso',
    ],
    tokenValidity: { accessMinutes: 10, idMinutes: 10, refreshDays: 30 },
    refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 60 },
  },
  identityProviders: [
    {
      kind: 'Google',
      name: 'Google',
      authorizeScopes: OIDC_SCOPES,
      attributeMapping: OIDC_STANDARD_CLAIMS,
      emailVerified: 'mapped',
    },
    {
      // Apple's ID token carries `email_verified` (a string or a boolean); the name comes once, in the
      // first authorization's `user` form field, as `firstName`/`lastName`
      // (https://developer.apple.com/documentation/signinwithapple/authenticating-users-with-sign-in-with-apple).
      kind: 'SignInWithApple',
      name: 'SignInWithApple',
      displayName: 'Apple',
      authorizeScopes: ['name', 'email'],
      attributeMapping: {
        email: 'email',
        email_verified: 'email_verified',
        given_name: 'firstName',
        family_name: 'lastName',
      },
      emailVerified: 'mapped',
    },
    {
      // Facebook's Graph API `/me` fields (https://developers.facebook.com/docs/graph-api/reference/user/).
      // Facebook says nothing about whether `email` was verified, and Cognito marks a mapped e-mail
      // unverified unless a verification claim is mapped
      // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html).
      kind: 'Facebook',
      name: 'Facebook',
      authorizeScopes: ['public_profile', 'email'],
      attributeMapping: { email: 'email', given_name: 'first_name', family_name: 'last_name' },
      emailVerified: 'never',
    },
    {
      // Login with Amazon's profile (https://developer.amazon.com/docs/login-with-amazon/obtain-customer-profile.html):
      // `user_id`, `name` (one full name), `email`; nothing says the e-mail was verified.
      kind: 'LoginWithAmazon',
      name: 'LoginWithAmazon',
      displayName: 'Amazon',
      authorizeScopes: ['profile'],
      attributeMapping: { email: 'email', given_name: 'name' },
      emailVerified: 'never',
    },
    {
      // A company's single sign-on through OpenID Connect. Its `email_verified` claim (OpenID
      // Connect Core §5.1) is mapped: the pool trusts exactly what the company's IdP asserts.
      kind: 'OIDC',
      name: 'Microsoft',
      authorizeScopes: OIDC_SCOPES,
      attributeMapping: OIDC_STANDARD_CLAIMS,
      emailVerified: 'mapped',
    },
    {
      // A company's single sign-on through SAML 2.0 ("Contoso SSO"; Cognito's provider names allow no
      // spaces). SAML has no standard "verified" attribute: the pool trusts an `email_verified`
      // attribute only when the company's IdP sends one, for the addresses its directory vouches for.
      kind: 'SAML',
      name: 'Contoso',
      authorizeScopes: [],
      attributeMapping: {
        email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
        email_verified: 'email_verified',
        given_name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
        family_name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
      },
      emailVerified: 'mapped',
      saml: { idpInitiated: false, idpSignOut: false },
      idpIdentifiers: ['contoso.test'],
    },
  ],
};

/** The app's password policy (the IPC shape: no admin-only fields). */
export function appPasswordPolicy(definition: PoolDefinition = POOL_DEFINITION) {
  const { temporaryPasswordValidityDays: _unused, ...policy } = definition.passwordPolicy;
  return policy;
}

/**
 * Whether the pool sends text messages: sign-in codes (SMS_OTP), phone-number verification (the phone
 * alias) or SMS MFA. On AWS that needs an SNS role for Cognito (the pool's `SmsConfiguration`).
 */
export function textsCodes(definition: PoolDefinition = POOL_DEFINITION): boolean {
  return (
    definition.allowedFirstAuthFactors.includes('SMS_OTP') ||
    definition.aliasAttributes.includes('phone_number') ||
    definition.mfaSecondFactor.sms
  );
}

/** The definition's provider called `name` (the app and the devstack both federate with it). */
export function identityProvider(
  name: string,
  definition: PoolDefinition = POOL_DEFINITION,
): PoolIdentityProvider {
  const provider = definition.identityProviders.find((p) => p.name === name);
  if (provider === undefined) throw new Error(`The pool definition has no identity provider named ${name}`);
  return provider;
}

/** The name of the definition's provider with this `IdpIdentifiers` entry, if any. */
export function providerNameByIdentifier(
  identifier: string,
  definition: PoolDefinition = POOL_DEFINITION,
): string | undefined {
  return definition.identityProviders.find((p) => p.idpIdentifiers?.includes(identifier))?.name;
}

/** What people call the provider named `name` (its `displayName`, else the name itself, also for names the definition lacks). */
export function providerDisplayName(name: string, definition: PoolDefinition = POOL_DEFINITION): string {
  const provider = definition.identityProviders.find((p) => p.name === name);
  return provider?.displayName ?? name;
}

/** The Google provider of the definition. */
export function googleProvider(definition: PoolDefinition = POOL_DEFINITION): PoolIdentityProvider {
  return identityProvider('Google', definition);
}
