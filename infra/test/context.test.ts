import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/core/config';
import { APP_REDIRECT_URI, APP_SIGN_OUT_URI } from '../../src/shared/poolDefinition';
import { buildApp } from '../lib/app';
import { DeployContextError, resolveDeployContext } from '../lib/context';
import { resolveOidcContext } from '../lib/oidcProviders';
import { appConfigFromOutputs, OUTPUT_KEYS } from '../lib/outputs';
import { resolveSamlContext } from '../lib/samlProviders';
import { resolveSocialContext } from '../lib/socialProviders';
import { stageSettings } from '../lib/stages';
import { SAMPLE_CONTEXT } from './support/synth';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('deploy context', () => {
  it('takes the values given, and a default secret name per stage', () => {
    const { context, placeholders } = resolveDeployContext('prod', reader(SAMPLE_CONTEXT), true);
    // The providers' keys (`oidc:…`, `saml:…`, `facebook:…`, …) belong to their own resolvers.
    const base = Object.fromEntries(Object.entries(SAMPLE_CONTEXT).filter(([key]) => !key.includes(':')));
    expect(context).toEqual({
      ...base,
      googleClientSecretName: 'gatehouse/prod/google-client-secret',
    });
    expect(placeholders).toEqual([]);
  });

  it('strict (infra:deploy): one error names every missing key', () => {
    expect(() => resolveDeployContext('prod', reader({}), true)).toThrow(DeployContextError);
    try {
      resolveDeployContext('prod', reader({}), true);
    } catch (error) {
      const lines = (error as Error).message.split('\n').slice(1);
      expect(lines).toEqual(
        ['hostedUiDomainPrefix', 'googleClientId', 'certificateArn', 'apiDomainName', 'mailFromAddress'].map(
          (key) => `  - ${key}: is required (--context ${key}=…)`,
        ),
      );
    }
  });

  it('not strict (synth): placeholders, listed so the app can warn', () => {
    const { placeholders } = resolveDeployContext(
      'dev',
      reader({ googleClientId: SAMPLE_CONTEXT.googleClientId }),
      false,
    );
    expect(placeholders).toEqual([
      'hostedUiDomainPrefix',
      'certificateArn',
      'apiDomainName',
      'mailFromAddress',
    ]);
  });

  it('refuses malformed values even when not strict', () => {
    const bad = {
      ...SAMPLE_CONTEXT,
      hostedUiDomainPrefix: 'My_Cognito',
      googleClientId: 'abc',
      certificateArn: 'arn:aws:iam::1:role/x',
      apiDomainName: 'https://api.example.com',
      mailFromAddress: 'security',
    };
    expect(() => resolveDeployContext('dev', reader(bad), false)).toThrow(
      /hostedUiDomainPrefix[\s\S]*googleClientId[\s\S]*certificateArn[\s\S]*apiDomainName[\s\S]*mailFromAddress/,
    );
  });

  it('an unknown stage is an error listing the known ones', () => {
    expect(() => stageSettings('qa')).toThrow(/dev, prod/);
    expect(() => buildApp(new App({ context: { stage: 'qa' } }))).toThrow(/Unknown stage "qa"/);
  });
});

describe('stack outputs → app configuration', () => {
  const outputs = {
    [OUTPUT_KEYS.region]: 'eu-west-1',
    [OUTPUT_KEYS.userPoolId]: 'eu-west-1_AbCdEf123',
    [OUTPUT_KEYS.clientId]: '4h0exampleclientid0000000',
    [OUTPUT_KEYS.hostedUiUrl]: 'https://acme-gatehouse.auth.eu-west-1.amazoncognito.com',
    [OUTPUT_KEYS.apiUrl]: 'https://api.acme.example',
    [OUTPUT_KEYS.loadBalancerDns]: 'x.elb.amazonaws.com',
  };
  const uris = { redirectUri: APP_REDIRECT_URI, signOutUri: APP_SIGN_OUT_URI };

  it('maps to a configuration the app accepts', () => {
    const file = appConfigFromOutputs('prod', outputs, uris);
    const config = loadConfig({}, writeTemp(file));
    expect(config).toMatchObject({
      environment: 'prod',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbCdEf123',
      clientId: '4h0exampleclientid0000000',
      cognitoEndpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      hostedUiUrl: 'https://acme-gatehouse.auth.eu-west-1.amazoncognito.com',
      apiUrl: 'https://api.acme.example',
      redirectUri: APP_REDIRECT_URI,
      signOutUri: APP_SIGN_OUT_URI,
    });
  });

  it('names every missing output', () => {
    const { [OUTPUT_KEYS.userPoolId]: _a, [OUTPUT_KEYS.apiUrl]: _b, ...partial } = outputs;
    expect(() => appConfigFromOutputs('prod', partial, uris)).toThrow(/UserPoolId, ApiUrl; deploy it first/);
  });
});

function writeTemp(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gatehouse-config-')), 'config.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('OIDC providers’ context', () => {
  it('reads issuer and client per provider name; the secret is named per stage, never given', () => {
    expect(resolveOidcContext('prod', ['Microsoft'], reader(SAMPLE_CONTEXT), true)).toEqual({
      oidc: {
        Microsoft: {
          issuerUrl: SAMPLE_CONTEXT['oidc:Microsoft:issuerUrl'],
          clientId: SAMPLE_CONTEXT['oidc:Microsoft:clientId'],
          clientSecretName: 'gatehouse/prod/oidc-microsoft-client-secret',
        },
      },
      placeholders: [],
    });
  });

  it('strict: names each missing key; an issuer that is not https is refused even when not strict', () => {
    expect(() => resolveOidcContext('prod', ['Microsoft'], reader({}), true)).toThrow(
      /oidc:Microsoft:issuerUrl: is required[\s\S]*oidc:Microsoft:clientId: is required/,
    );
    expect(() =>
      resolveOidcContext(
        'dev',
        ['Microsoft'],
        reader({ 'oidc:Microsoft:issuerUrl': 'http://idp.example' }),
        false,
      ),
    ).toThrow(/must be an https URL/);
    expect(resolveOidcContext('dev', ['Microsoft'], reader({}), false).placeholders).toEqual([
      'oidc:Microsoft:issuerUrl',
      'oidc:Microsoft:clientId',
    ]);
  });
});

describe('SAML providers’ context', () => {
  const METADATA = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>';
  const files = (path: string) => {
    if (path === 'contoso.xml') return METADATA;
    if (path === 'notes.txt') return 'hello';
    throw new Error('ENOENT');
  };

  it('takes the metadata by https URL, or a metadata file’s content', () => {
    expect(resolveSamlContext('prod', ['Contoso'], reader(SAMPLE_CONTEXT), true)).toEqual({
      saml: { Contoso: { metadataUrl: SAMPLE_CONTEXT['saml:Contoso:metadataUrl'] } },
      placeholders: [],
    });
    expect(
      resolveSamlContext(
        'prod',
        ['Contoso'],
        reader({ 'saml:Contoso:metadataFile': 'contoso.xml' }),
        true,
        files,
      ),
    ).toEqual({
      saml: { Contoso: { metadataFile: 'contoso.xml', metadataContent: METADATA } },
      placeholders: [],
    });
  });

  it('refuses both at once, a URL that is not https, and a file that is not metadata; strict names a missing one', () => {
    const both = {
      'saml:Contoso:metadataUrl': 'https://idp.example/m',
      'saml:Contoso:metadataFile': 'contoso.xml',
    };
    expect(() => resolveSamlContext('dev', ['Contoso'], reader(both), false, files)).toThrow(/not both/);
    expect(() =>
      resolveSamlContext(
        'dev',
        ['Contoso'],
        reader({ 'saml:Contoso:metadataUrl': 'http://idp.example/m' }),
        false,
      ),
    ).toThrow(/must be an https URL/);
    expect(() =>
      resolveSamlContext(
        'dev',
        ['Contoso'],
        reader({ 'saml:Contoso:metadataFile': 'notes.txt' }),
        false,
        files,
      ),
    ).toThrow(/not SAML metadata/);
    expect(() =>
      resolveSamlContext(
        'dev',
        ['Contoso'],
        reader({ 'saml:Contoso:metadataFile': 'gone.xml' }),
        false,
        files,
      ),
    ).toThrow(/cannot read gone.xml/);
    expect(() => resolveSamlContext('prod', ['Contoso'], reader({}), true)).toThrow(
      /saml:Contoso:metadataUrl \(or saml:Contoso:metadataFile\): is required/,
    );
    expect(resolveSamlContext('dev', ['Contoso'], reader({}), false).placeholders).toEqual([
      'saml:Contoso:metadataUrl',
    ]);
  });
});

describe('social providers’ context (socialProviders.ts)', () => {
  const kinds = ['Facebook', 'SignInWithApple', 'LoginWithAmazon'] as const;

  it('takes the ids given and names each secret per stage', () => {
    const { social, placeholders } = resolveSocialContext('prod', kinds, reader(SAMPLE_CONTEXT), true);
    expect(social).toEqual({
      facebook: { appId: '123456789012345', appSecretName: 'gatehouse/prod/facebook-app-secret' },
      apple: {
        servicesId: 'com.acme.gatehouse.signin',
        teamId: 'ACMETEAM01',
        keyId: 'ACMEKEY001',
        privateKeySecretName: 'gatehouse/prod/apple-private-key',
      },
      amazon: {
        clientId: 'amzn1.application-oa2-client.acme0001',
        clientSecretName: 'gatehouse/prod/amazon-client-secret',
      },
    });
    expect(placeholders).toEqual([]);
  });

  it('only the kinds the definition lists are resolved', () => {
    expect(resolveSocialContext('dev', ['Google', 'OIDC'], reader({}), true)).toEqual({
      social: {},
      placeholders: [],
    });
  });

  it('strict: one error names every missing key; not strict: placeholders, listed', () => {
    expect(() => resolveSocialContext('prod', kinds, reader({}), true)).toThrow(
      /facebook:appId.*\n.*apple:servicesId.*\n.*apple:teamId.*\n.*apple:keyId.*\n.*amazon:clientId/s,
    );
    const { placeholders } = resolveSocialContext('dev', kinds, reader({}), false);
    expect(placeholders).toEqual([
      'facebook:appId',
      'apple:servicesId',
      'apple:teamId',
      'apple:keyId',
      'amazon:clientId',
    ]);
  });

  it('a malformed id is an error even when not strict', () => {
    expect(() =>
      resolveSocialContext('dev', kinds, reader({ ...SAMPLE_CONTEXT, 'apple:teamId': 'acme' }), false),
    ).toThrow(/apple:teamId: must be 10 letters and digits/);
  });
});
