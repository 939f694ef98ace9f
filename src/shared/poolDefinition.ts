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

/** A first factor of choice-based sign-in (`USER_AUTH`), as `SignInPolicy.AllowedFirstAuthFactors` names it. */
export type FirstAuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** One federated identity provider and how its claims map onto pool attributes. */
export interface PoolIdentityProvider {
  /** Provider name as the app client and `identity_provider=` know it. */
  name: 'Google';
  /** Scopes the pool asks the provider for. */
  authorizeScopes: readonly string[];
  /** Pool attribute → provider claim. */
  attributeMapping: Readonly<Record<string, string>>;
}

export interface PoolDefinition {
  /** Sign-in by username; these attributes work as aliases (sign-in by verified e-mail). */
  aliasAttributes: readonly ['email'];
  /** Usernames compare case-insensitively (`Ada` and `ada` are one user). */
  usernameCaseSensitive: false;
  /** Standard attributes every sign-up must carry. */
  requiredAttributes: readonly string[];
  /** Attributes verified by an e-mailed code. */
  autoVerifiedAttributes: readonly ['email'];
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
  client: {
    /** Public client: a desktop app cannot keep a secret. */
    generateSecret: false;
    /** Cognito auth flows the desktop app uses (SRP sign-in, choice-based sign-in for codes and passkeys, silent refresh). */
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
    tokenValidity: { accessMinutes: number; idMinutes: number; refreshDays: number };
  };
  identityProviders: readonly PoolIdentityProvider[];
}

/** The app's custom-scheme URIs registered on the client (deep links back from the Hosted UI). */
export const APP_REDIRECT_URI = 'gatehouse://auth/callback';
export const APP_SIGN_OUT_URI = 'gatehouse://auth/signed-out';

export const POOL_DEFINITION: PoolDefinition = {
  aliasAttributes: ['email'],
  usernameCaseSensitive: false,
  requiredAttributes: ['email', 'given_name'],
  autoVerifiedAttributes: ['email'],
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
  client: {
    generateSecret: false,
    // ALLOW_USER_AUTH: choice-based sign-in (codes, and managed login's passkey sign-in).
    explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    oauthFlows: ['code'],
    oauthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
    callbackUrls: [APP_REDIRECT_URI],
    logoutUrls: [APP_SIGN_OUT_URI],
    supportedIdentityProviders: ['COGNITO', 'Google'],
    tokenValidity: { accessMinutes: 60, idMinutes: 60, refreshDays: 30 },
  },
  identityProviders: [
    {
      name: 'Google',
      authorizeScopes: ['openid', 'email', 'profile'],
      attributeMapping: {
        email: 'email',
        email_verified: 'email_verified',
        given_name: 'given_name',
        family_name: 'family_name',
      },
    },
  ],
};

/** The app's password policy (the IPC shape: no admin-only fields). */
export function appPasswordPolicy(definition: PoolDefinition = POOL_DEFINITION) {
  const { temporaryPasswordValidityDays: _unused, ...policy } = definition.passwordPolicy;
  return policy;
}

/** The Google provider of the definition (the app and the devstack both federate with it). */
export function googleProvider(definition: PoolDefinition = POOL_DEFINITION): PoolIdentityProvider {
  const google = definition.identityProviders.find((p) => p.name === 'Google');
  if (google === undefined) throw new Error('The pool definition has no Google identity provider');
  return google;
}
