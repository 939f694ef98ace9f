import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { UserPool, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import { DEV_STACK } from '../../src/shared/devDefaults.js';
import { POOL_DEFINITION, type PoolDefinition } from '../../src/shared/poolDefinition.js';
import { SIGN_UP_CHECK_ATTRIBUTE, SIGN_UP_CHECK_LENGTH } from '../../src/shared/signUpEmail.js';

/**
 * Flows the dev client allows beyond the definition's: `USER_PASSWORD_AUTH` lets the backend's
 * tests sign in without SRP. Never deployed (the infrastructure reads the definition only).
 */
export const DEV_ONLY_AUTH_FLOWS = ['ALLOW_USER_PASSWORD_AUTH'];

/**
 * The devstack's passkey relying party. WebAuthn refuses IP addresses as relying party ids, and
 * `localhost` is the one host name browsers treat as secure over plain HTTP, so the devstack's
 * passkey ceremonies run on `http://localhost:<port>` (AWS's is the managed-login domain).
 */
export const DEV_RELYING_PARTY_ID = 'localhost';

/**
 * The pool's allowed first factors of choice-based sign-in, from where UserPoolType keeps them
 * (`Policies.SignInPolicy.AllowedFirstAuthFactors`,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignInPolicyType.html);
 * a pool without a SignInPolicy allows the password only (Cognito's default).
 */
export function allowedFirstFactors(pool: UserPool): readonly string[] {
  const policies = (
    pool as UserPool & { Policies?: { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } } }
  ).Policies;
  return policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
}

/** The user-pool options (as `CreateUserPool` takes them) that the definition fixes. */
export function poolOptionsFrom(definition: PoolDefinition) {
  const policy = definition.passwordPolicy;
  return {
    // A username pool with e-mail as an alias: sign-in by username or by verified e-mail.
    UsernameAttributes: [],
    AliasAttributes: [...definition.aliasAttributes],
    AutoVerifiedAttributes: [...definition.autoVerifiedAttributes],
    UserAttributeUpdateSettings: {
      AttributesRequireVerificationBeforeUpdate: [...definition.attributesRequireVerificationBeforeUpdate],
    },
    UsernameConfiguration: { CaseSensitive: definition.usernameCaseSensitive },
    MfaConfiguration: definition.mfa,
    // What SetUserPoolMfaConfig sets; cognito-local keeps it with the pool's options.
    SoftwareTokenMfaConfiguration: { Enabled: definition.mfaSecondFactor.otp },
    WebAuthnConfiguration: {
      RelyingPartyId: DEV_RELYING_PARTY_ID,
      UserVerification: definition.passkeys.userVerification,
    },
    // What SetUserPoolMfaConfig's EmailMfaConfiguration sets; its presence turns e-mail MFA on.
    ...(definition.mfaSecondFactor.email
      ? { EmailMfaConfiguration: { Subject: 'Your sign-in code', Message: 'Your sign-in code is {####}.' } }
      : {}),
    Policies: {
      PasswordPolicy: {
        MinimumLength: policy.minLength,
        RequireLowercase: policy.requireLowercase,
        RequireUppercase: policy.requireUppercase,
        RequireNumbers: policy.requireNumbers,
        RequireSymbols: policy.requireSymbols,
        TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
      },
      // Choice-based sign-in's first factors, where UserPoolType keeps them (Essentials).
      SignInPolicy: { AllowedFirstAuthFactors: [...definition.allowedFirstAuthFactors] },
    },
    AccountRecoverySetting: {
      RecoveryMechanisms: [{ Name: definition.accountRecovery, Priority: 1 }],
    },
    DeviceConfiguration: {
      ChallengeRequiredOnNewDevice: definition.deviceTracking.challengeRequiredOnNewDevice,
      DeviceOnlyRememberedOnUserPrompt: definition.deviceTracking.deviceOnlyRememberedOnUserPrompt,
    },
  };
}

/** The app-client settings (as `CreateUserPoolClient` takes them) that the definition fixes. */
export function clientOptionsFrom(definition: PoolDefinition) {
  const c = definition.client;
  return {
    ExplicitAuthFlows: [...c.explicitAuthFlows, ...DEV_ONLY_AUTH_FLOWS],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: [...c.oauthFlows],
    AllowedOAuthScopes: [...c.oauthScopes],
    SupportedIdentityProviders: [...c.supportedIdentityProviders],
    CallbackURLs: [...c.callbackUrls],
    LogoutURLs: [...c.logoutUrls],
    AccessTokenValidity: c.tokenValidity.accessMinutes,
    IdTokenValidity: c.tokenValidity.idMinutes,
    RefreshTokenValidity: c.tokenValidity.refreshDays,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    PreventUserExistenceErrors: c.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
    EnableTokenRevocation: c.enableTokenRevocation,
    RefreshTokenRotation: {
      Feature: c.refreshTokenRotation.enabled ? ('ENABLED' as const) : ('DISABLED' as const),
      RetryGracePeriodSeconds: c.refreshTokenRotation.retryGracePeriodSeconds,
    },
  };
}

async function existingPool(cognito: CognitoService, ctx: Context): Promise<UserPoolService | undefined> {
  try {
    return await cognito.getUserPool(ctx, DEV_STACK.userPoolId);
  } catch {
    return undefined;
  }
}

/**
 * Creates the dev user pool and its app client if missing, and (re)applies their settings on
 * every start, so an old data folder picks up configuration changes. Idempotent.
 */
export async function ensureDevPool(
  cognito: CognitoService,
  ctx: Context,
): Promise<{ pool: UserPoolService; client: AppClient }> {
  const found = await existingPool(cognito, ctx);
  if (found === undefined) {
    await cognito.createUserPool(ctx, {
      Id: DEV_STACK.userPoolId,
      Name: 'gatehouse-dev',
      UsernameAttributes: [],
    });
  }
  const pool = found ?? (await cognito.getUserPool(ctx, DEV_STACK.userPoolId));
  const options = pool.options;
  await pool.updateOptions(ctx, {
    ...options,
    Name: 'gatehouse-dev',
    ...poolOptionsFrom(POOL_DEFINITION),
    SchemaAttributes: [
      ...(options.SchemaAttributes ?? [])
        .filter((a) => a.Name !== SIGN_UP_CHECK_ATTRIBUTE)
        .map((a) => ({
          ...a,
          Required: a.Name === 'sub' || POOL_DEFINITION.requiredAttributes.includes(a.Name ?? ''),
        })),
      // The pool's one custom attribute, as infra/lib/userPool.ts declares it (DescribeUserPool lists it with its prefix).
      {
        Name: SIGN_UP_CHECK_ATTRIBUTE,
        AttributeDataType: 'String',
        Mutable: true,
        Required: false,
        StringAttributeConstraints: {
          MinLength: String(SIGN_UP_CHECK_LENGTH),
          MaxLength: String(SIGN_UP_CHECK_LENGTH),
        },
      },
    ],
  });

  const now = new Date();
  const previous = await cognito.getAppClient(ctx, DEV_STACK.clientId);
  const client: AppClient = {
    ClientId: DEV_STACK.clientId,
    ClientName: 'gatehouse-desktop-dev',
    UserPoolId: DEV_STACK.userPoolId,
    CreationDate: previous?.CreationDate ?? now,
    LastModifiedDate: now,
    ...clientOptionsFrom(POOL_DEFINITION),
  };
  await pool.saveAppClient(ctx, client);
  return { pool, client };
}
