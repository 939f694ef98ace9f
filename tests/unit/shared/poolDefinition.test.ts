import { describe, expect, it } from 'vitest';
import { IDENTITY_PROVIDERS, identityProviderOf } from '../../../src/shared/identity';
import { POOL_DEFINITION, PROVIDER_KINDS } from '../../../src/shared/poolDefinition';

describe('the pool definition’s identity providers', () => {
  it('each decides on purpose whether its e-mail reaches the pool verified: `mapped` exactly when email_verified is mapped', () => {
    // An unmapped email_verified stays false for a federated user
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html).
    for (const provider of POOL_DEFINITION.identityProviders) {
      expect('email_verified' in provider.attributeMapping, provider.name).toBe(
        provider.emailVerified === 'mapped',
      );
    }
  });

  it('the app client supports COGNITO and exactly the defined providers, in their order', () => {
    expect(POOL_DEFINITION.client.supportedIdentityProviders).toEqual([
      'COGNITO',
      ...POOL_DEFINITION.identityProviders.map((p) => p.name),
    ]);
  });

  it('social providers carry the name Cognito requires (their kind); names are unique', () => {
    // Cognito's social providers are named as their type (API_CreateIdentityProvider, ProviderName).
    for (const p of POOL_DEFINITION.identityProviders)
      if (p.kind !== 'OIDC' && p.kind !== 'SAML') expect(p.name).toBe(p.kind);
    const names = POOL_DEFINITION.identityProviders.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every name is one Cognito accepts: 3–32 characters, no spaces, no underscore at the start', () => {
    // ProviderName's pattern `[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+`, at most 32 characters
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolidentityprovider.html).
    const pattern = /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u;
    for (const { name } of POOL_DEFINITION.identityProviders) {
      expect(name, name).toMatch(pattern);
      expect(name.length, name).toBeLessThanOrEqual(32);
    }
    expect('Contoso SSO').not.toMatch(pattern);
  });

  it('SAML providers say whether they accept IdP-initiated sign-in and sign out at the IdP; no other kind does', () => {
    for (const provider of POOL_DEFINITION.identityProviders)
      expect(provider.saml !== undefined, provider.name).toBe(provider.kind === 'SAML');
  });

  it('every kind has its identity provider value for the backend and the keychain', () => {
    expect(IDENTITY_PROVIDERS).toEqual(['cognito', ...PROVIDER_KINDS.map(identityProviderOf)]);
  });
});
