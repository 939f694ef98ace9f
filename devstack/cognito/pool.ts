import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import { DEV_STACK } from '../../src/shared/devDefaults.js';

/** Attributes every sign-up must carry (the required attributes). */
const REQUIRED_ATTRIBUTES = new Set(['email', 'given_name']);

/** Identity providers the dev client may use through the Hosted UI. */
export const SUPPORTED_IDPS = ['COGNITO', 'Google'];

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
    // A username pool with e-mail as an alias: sign-in by username or by verified e-mail.
    UsernameAttributes: [],
    AliasAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    MfaConfiguration: 'OFF',
    SchemaAttributes: (options.SchemaAttributes ?? []).map((a) => ({
      ...a,
      Required: a.Name === 'sub' || REQUIRED_ATTRIBUTES.has(a.Name ?? ''),
    })),
  });

  const now = new Date();
  const previous = await cognito.getAppClient(ctx, DEV_STACK.clientId);
  const client: AppClient = {
    ClientId: DEV_STACK.clientId,
    ClientName: 'gatehouse-desktop-dev',
    UserPoolId: DEV_STACK.userPoolId,
    CreationDate: previous?.CreationDate ?? now,
    LastModifiedDate: now,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
    SupportedIdentityProviders: SUPPORTED_IDPS,
    CallbackURLs: [DEV_STACK.redirectUri],
    LogoutURLs: [DEV_STACK.signOutUri],
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
  };
  await pool.saveAppClient(ctx, client);
  return { pool, client };
}
