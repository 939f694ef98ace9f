/**
 * One projection of "what the pool is" that the definition, the devstack's pool (Cognito API
 * shapes, as cognito-local stores them) and the synthesized template (CloudFormation shapes, which
 * use the same property names) can all be reduced to, so a test compares like with like.
 */
import type { PoolDefinition } from '../../../src/shared/poolDefinition';

export interface PoolFacts {
  aliasAttributes: string[];
  usernameAttributes: string[];
  autoVerifiedAttributes: string[];
  /** AttributesRequireVerificationBeforeUpdate: a changed e-mail waits for its code. */
  attributesRequireVerificationBeforeUpdate: string[];
  usernameCaseSensitive: boolean;
  requiredAttributes: string[];
  passwordPolicy: Record<string, number | boolean>;
  mfa: string;
  /** Second factors on offer, as CloudFormation's `EnabledMfas` names them (EMAIL_OTP: e-mail MFA). */
  enabledMfas: string[];
  accountRecovery: string[];
  /** Choice-based sign-in's first factors (`Policies.SignInPolicy.AllowedFirstAuthFactors`). */
  allowedFirstAuthFactors: string[];
  /** Passkeys' user verification (CloudFormation `WebAuthnUserVerification`, API `WebAuthnConfiguration.UserVerification`). */
  passkeyUserVerification: string;
  /** `DeviceConfiguration` (remembered devices), as CreateUserPool and CloudFormation spell it. */
  deviceConfiguration: { ChallengeRequiredOnNewDevice: boolean; DeviceOnlyRememberedOnUserPrompt: boolean };
  client: {
    generateSecret: boolean;
    explicitAuthFlows: string[];
    preventUserExistenceErrors: string;
    enableTokenRevocation: boolean;
    oauthFlows: string[];
    oauthScopes: string[];
    callbackUrls: string[];
    logoutUrls: string[];
    supportedIdentityProviders: string[];
    tokenValiditySeconds: { access: number; id: number; refresh: number };
    /** `RefreshTokenRotation` as CreateUserPoolClient (and CloudFormation) spell it. */
    refreshTokenRotation: { Feature: string; RetryGracePeriodSeconds: number | undefined };
  };
}

const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort();
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** The facts the definition states. */
export function factsFromDefinition(d: PoolDefinition): PoolFacts {
  const p = d.passwordPolicy;
  const c = d.client;
  return {
    aliasAttributes: sorted(d.aliasAttributes),
    usernameAttributes: [],
    autoVerifiedAttributes: sorted(d.autoVerifiedAttributes),
    attributesRequireVerificationBeforeUpdate: sorted(d.attributesRequireVerificationBeforeUpdate),
    usernameCaseSensitive: d.usernameCaseSensitive,
    requiredAttributes: sorted(d.requiredAttributes),
    passwordPolicy: {
      MinimumLength: p.minLength,
      RequireLowercase: p.requireLowercase,
      RequireUppercase: p.requireUppercase,
      RequireNumbers: p.requireNumbers,
      RequireSymbols: p.requireSymbols,
      TemporaryPasswordValidityDays: p.temporaryPasswordValidityDays,
    },
    mfa: d.mfa,
    enabledMfas: [
      ...(d.mfaSecondFactor.otp ? ['SOFTWARE_TOKEN_MFA'] : []),
      ...(d.mfaSecondFactor.sms ? ['SMS_MFA'] : []),
      ...(d.mfaSecondFactor.email ? ['EMAIL_OTP'] : []),
    ].sort(),
    accountRecovery: [d.accountRecovery],
    allowedFirstAuthFactors: sorted(d.allowedFirstAuthFactors),
    passkeyUserVerification: d.passkeys.userVerification,
    deviceConfiguration: {
      ChallengeRequiredOnNewDevice: d.deviceTracking.challengeRequiredOnNewDevice,
      DeviceOnlyRememberedOnUserPrompt: d.deviceTracking.deviceOnlyRememberedOnUserPrompt,
    },
    client: {
      generateSecret: c.generateSecret,
      explicitAuthFlows: sorted(c.explicitAuthFlows),
      preventUserExistenceErrors: c.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
      enableTokenRevocation: c.enableTokenRevocation,
      oauthFlows: sorted(c.oauthFlows),
      oauthScopes: sorted(c.oauthScopes),
      callbackUrls: sorted(c.callbackUrls),
      logoutUrls: sorted(c.logoutUrls),
      supportedIdentityProviders: sorted(c.supportedIdentityProviders),
      tokenValiditySeconds: {
        access: c.tokenValidity.accessMinutes * 60,
        id: c.tokenValidity.idMinutes * 60,
        refresh: c.tokenValidity.refreshDays * 86400,
      },
      refreshTokenRotation: {
        Feature: c.refreshTokenRotation.enabled ? 'ENABLED' : 'DISABLED',
        RetryGracePeriodSeconds: c.refreshTokenRotation.enabled
          ? c.refreshTokenRotation.retryGracePeriodSeconds
          : undefined,
      },
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: Cognito/CloudFormation JSON, read by path
type Json = Record<string, any>;

/**
 * The facts of a pool and client in the Cognito API's shapes (CreateUserPool / CreateUserPoolClient
 * input, which CloudFormation's AWS::Cognito::UserPool(Client) properties mirror). Schema lists:
 * cognito-local's `SchemaAttributes`, CloudFormation's `Schema`. `providerName` turns a
 * CloudFormation `Ref` to an identity provider into its name.
 */
export function factsFromApiShapes(
  pool: Json,
  client: Json,
  providerName: (value: unknown) => string = (value) => String(value),
): PoolFacts {
  const schema: Json[] = pool.SchemaAttributes ?? pool.Schema ?? [];
  const policy: Json = pool.Policies?.PasswordPolicy ?? {};
  const units: Json = client.TokenValidityUnits ?? {};
  const seconds = (value: number | undefined, unit: string | undefined, fallback: string) =>
    (value ?? Number.NaN) * (UNIT_SECONDS[unit ?? fallback] ?? Number.NaN);
  return {
    aliasAttributes: sorted(pool.AliasAttributes),
    usernameAttributes: sorted(pool.UsernameAttributes),
    autoVerifiedAttributes: sorted(pool.AutoVerifiedAttributes),
    attributesRequireVerificationBeforeUpdate: sorted(
      pool.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate,
    ),
    usernameCaseSensitive: pool.UsernameConfiguration?.CaseSensitive,
    requiredAttributes: sorted(schema.filter((a) => a.Required && a.Name !== 'sub').map((a) => a.Name)),
    passwordPolicy: {
      MinimumLength: policy.MinimumLength,
      RequireLowercase: policy.RequireLowercase,
      RequireUppercase: policy.RequireUppercase,
      RequireNumbers: policy.RequireNumbers,
      RequireSymbols: policy.RequireSymbols,
      TemporaryPasswordValidityDays: policy.TemporaryPasswordValidityDays,
    },
    mfa: pool.MfaConfiguration,
    // CloudFormation lists `EnabledMfas`; the API (and cognito-local) keeps SetUserPoolMfaConfig's shape,
    // where an `EmailMfaConfiguration` turns e-mail MFA (EMAIL_OTP) on
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html).
    enabledMfas: sorted(
      pool.EnabledMfas ?? [
        ...(pool.SoftwareTokenMfaConfiguration?.Enabled ? ['SOFTWARE_TOKEN_MFA'] : []),
        ...(pool.EmailMfaConfiguration ? ['EMAIL_OTP'] : []),
      ],
    ),
    accountRecovery: (pool.AccountRecoverySetting?.RecoveryMechanisms ?? []).map((m: Json) => m.Name),
    allowedFirstAuthFactors: sorted(pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors),
    passkeyUserVerification: pool.WebAuthnUserVerification ?? pool.WebAuthnConfiguration?.UserVerification,
    deviceConfiguration: {
      ChallengeRequiredOnNewDevice: pool.DeviceConfiguration?.ChallengeRequiredOnNewDevice,
      DeviceOnlyRememberedOnUserPrompt: pool.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt,
    },
    client: {
      generateSecret: client.GenerateSecret ?? client.ClientSecret !== undefined,
      explicitAuthFlows: sorted(client.ExplicitAuthFlows),
      preventUserExistenceErrors: client.PreventUserExistenceErrors,
      enableTokenRevocation: client.EnableTokenRevocation,
      oauthFlows: sorted(client.AllowedOAuthFlows),
      oauthScopes: sorted(client.AllowedOAuthScopes),
      callbackUrls: sorted(client.CallbackURLs),
      logoutUrls: sorted(client.LogoutURLs),
      supportedIdentityProviders: sorted((client.SupportedIdentityProviders ?? []).map(providerName)),
      tokenValiditySeconds: {
        access: seconds(client.AccessTokenValidity, units.AccessToken, 'hours'),
        id: seconds(client.IdTokenValidity, units.IdToken, 'hours'),
        refresh: seconds(client.RefreshTokenValidity, units.RefreshToken, 'days'),
      },
      refreshTokenRotation: {
        Feature: client.RefreshTokenRotation?.Feature ?? 'DISABLED',
        RetryGracePeriodSeconds: client.RefreshTokenRotation?.RetryGracePeriodSeconds,
      },
    },
  };
}
