/**
 * The stack reads the pool definition rather than restating it: a changed definition changes the
 * template. (Without this, constants in the stack that happen to equal today's definition would pass.)
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { POOL_DEFINITION, type PoolDefinition } from '../../src/shared/poolDefinition';
import { only, type Synthesized, synthStage } from './support/synth';

const changed: PoolDefinition = {
  ...POOL_DEFINITION,
  requiredAttributes: ['email', 'given_name', 'family_name'],
  passwordPolicy: { ...POOL_DEFINITION.passwordPolicy, minLength: 12, requireSymbols: false },
  mfa: 'OFF',
  mfaSecondFactor: { otp: false, sms: false, email: false },
  allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
  client: {
    ...POOL_DEFINITION.client,
    oauthScopes: ['openid', 'email'],
    callbackUrls: ['myapp://auth/callback'],
    logoutUrls: ['myapp://auth/bye'],
    tokenValidity: { accessMinutes: 15, idMinutes: 30, refreshDays: 7 },
    refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 17 },
  },
  identityProviders: [
    {
      kind: 'Google',
      name: 'Google',
      authorizeScopes: ['openid', 'email'],
      attributeMapping: { email: 'email', locale: 'locale' },
      emailVerified: 'never',
    },
  ],
};

let s: Synthesized;
beforeAll(() => {
  s = synthStage('dev', { definition: changed });
}, 180_000);
afterAll(() => rmSync(s.outdir, { recursive: true, force: true }));

it('pool follows a changed definition', () => {
  const { Properties: p } = only(s.template, 'AWS::Cognito::UserPool').resource;
  expect(p.Policies.PasswordPolicy).toMatchObject({ MinimumLength: 12, RequireSymbols: false });
  expect(
    p.Schema.filter((a: { Required: boolean }) => a.Required)
      .map((a: { Name: string }) => a.Name)
      .sort(),
  ).toEqual(['email', 'family_name', 'given_name']);
  expect(p.MfaConfiguration).toBe('OFF');
  expect(p.EnabledMfas).toBeUndefined();
  expect(p.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'WEB_AUTHN']);
});

it('client follows a changed definition', () => {
  const { Properties: p } = only(s.template, 'AWS::Cognito::UserPoolClient').resource;
  expect([...p.AllowedOAuthScopes].sort()).toEqual(['email', 'openid']);
  expect(p.CallbackURLs).toEqual(['myapp://auth/callback']);
  expect(p.LogoutURLs).toEqual(['myapp://auth/bye']);
  expect(p).toMatchObject({
    AccessTokenValidity: 15,
    IdTokenValidity: 30,
    RefreshTokenValidity: 7 * 24 * 60,
    RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 17 },
  });
});

it('a definition without rotation deploys a client without it', () => {
  const plain = synthStage('dev', {
    definition: {
      ...POOL_DEFINITION,
      client: {
        ...POOL_DEFINITION.client,
        explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        refreshTokenRotation: { enabled: false, retryGracePeriodSeconds: 0 },
      },
    },
  });
  try {
    const { Properties: p } = only(plain.template, 'AWS::Cognito::UserPoolClient').resource;
    expect(p.RefreshTokenRotation).toBeUndefined();
    expect(p.ExplicitAuthFlows).toContain('ALLOW_REFRESH_TOKEN_AUTH');
  } finally {
    rmSync(plain.outdir, { recursive: true, force: true });
  }
}, 180_000);

it('Google provider follows a changed definition', () => {
  const { Properties: p } = only(s.template, 'AWS::Cognito::UserPoolIdentityProvider').resource;
  expect(p.ProviderDetails.authorize_scopes).toBe('openid email');
  expect(p.AttributeMapping).toEqual({ email: 'email', locale: 'locale' });
});
