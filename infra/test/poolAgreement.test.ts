/**
 * The devstack, the app and the infrastructure read one pool definition; this test fails when
 * any of them disagrees with it (or with each other): the devstack's pool as cognito-local stores
 * it, the app's defaults as `loadConfig` resolves them, and the pool and client CloudFormation gets.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoCore } from '../../devstack/cognito/core';
import { DEV_ONLY_AUTH_FLOWS, ensureDevPool } from '../../devstack/cognito/pool';
import { mappedAttributes } from '../../devstack/hostedUi/federatedUser';
import { loadConfig } from '../../src/main/core/config';
import { buildAuthorizeUrl, HOSTED_UI_SCOPES } from '../../src/main/core/hostedUi/endpoints';
import { DEV_STACK } from '../../src/shared/devDefaults';
import {
  appPasswordPolicy,
  googleProvider,
  POOL_DEFINITION,
  textsCodes,
} from '../../src/shared/poolDefinition';
import { factsFromApiShapes, factsFromDefinition, type PoolFacts } from './support/poolFacts';
import { type CfnResource, only, SAMPLE_CONTEXT, type Synthesized, synthStage } from './support/synth';

const expected = factsFromDefinition(POOL_DEFINITION);

describe('the devstack creates the defined pool', () => {
  let dataDir: string;
  let facts: PoolFacts;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-pool-'));
    const core = await createCognitoCore({ dataDir, issuerDomain: 'http://127.0.0.1:9', log: () => {} });
    await ensureDevPool(core.services.cognito, core.ctx);
    // Read back what was stored, as every request will see it.
    const { pool, client } = await core.clientAndPool(DEV_STACK.clientId);
    facts = factsFromApiShapes(pool.options, client);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('pool settings equal the definition', () => {
    const { client: _client, ...pool } = facts;
    const { client: _expectedClient, ...expectedPool } = expected;
    expect(pool).toEqual(expectedPool);
  });

  it('client settings equal the definition, plus only the documented dev-only flows', () => {
    expect(facts.client).toEqual({
      ...expected.client,
      explicitAuthFlows: [...expected.client.explicitAuthFlows, ...DEV_ONLY_AUTH_FLOWS].sort(),
    });
  });

  it('maps Google claims onto the attributes the definition maps', () => {
    const claims = {
      sub: 's-1',
      email: 'claim-email',
      email_verified: true,
      given_name: 'claim-given',
      family_name: 'claim-family',
    };
    const attributes = mappedAttributes(googleProvider(), claims);
    const asClaims = Object.fromEntries(
      Object.entries(attributes).map(([attribute, value]) => [
        attribute,
        Object.entries(claims).find(([, claim]) => String(claim) === value)?.[0],
      ]),
    );
    expect(asClaims).toEqual(googleProvider().attributeMapping);
  });
});

describe('the app takes its defaults from the definition', () => {
  it('password policy, redirect URIs and scopes', () => {
    const config = loadConfig({});
    expect(config.passwordPolicy).toEqual(appPasswordPolicy());
    expect(config.redirectUri).toBe(POOL_DEFINITION.client.callbackUrls[0]);
    expect(config.signOutUri).toBe(POOL_DEFINITION.client.logoutUrls[0]);
    expect([...HOSTED_UI_SCOPES].sort()).toEqual(expected.client.oauthScopes);
  });

  it('signs in through a provider and with scopes the client allows', () => {
    const url = new URL(
      buildAuthorizeUrl(
        { hostedUiUrl: 'https://x.example', clientId: 'c', redirectUri: 'gatehouse://auth/callback' },
        // The provider the app federates with (gatehouse.ts passes the same one).
        { identityProvider: googleProvider().name, state: 's', codeChallenge: 'c' },
      ),
    );
    expect(POOL_DEFINITION.client.supportedIdentityProviders).toContain(
      url.searchParams.get('identity_provider'),
    );
    for (const scope of url.searchParams.get('scope')?.split(' ') ?? ['none']) {
      expect(POOL_DEFINITION.client.oauthScopes).toContain(scope);
    }
  });
});

describe('the infrastructure deploys the defined pool', () => {
  let synth: Synthesized;
  let facts: PoolFacts;
  /** The template's identity providers by `ProviderName`. */
  let idps: Record<string, CfnResource>;

  beforeAll(() => {
    synth = synthStage('dev');
    const found = Object.entries(synth.template.findResources('AWS::Cognito::UserPoolIdentityProvider')) as [
      string,
      CfnResource,
    ][];
    idps = Object.fromEntries(found.map(([, resource]) => [resource.Properties.ProviderName, resource]));
    const names: Record<string, string> = Object.fromEntries(
      found.map(([id, resource]) => [id, resource.Properties.ProviderName]),
    );
    facts = factsFromApiShapes(
      only(synth.template, 'AWS::Cognito::UserPool').resource.Properties,
      only(synth.template, 'AWS::Cognito::UserPoolClient').resource.Properties,
      (value) =>
        typeof value === 'object' && value !== null && 'Ref' in value
          ? (names[String((value as { Ref: string }).Ref)] ?? 'unknown Ref')
          : String(value),
    );
  }, 120_000);
  afterAll(() => rm(synth.outdir, { recursive: true, force: true }));

  it('pool and client equal the definition', () => {
    expect(facts).toEqual(expected);
  });

  it('texts through an SNS role Cognito alone may assume, since the pool sends SMS codes', () => {
    // SmsConfiguration.SnsCallerArn: "The Amazon Resource Name (ARN) of the Amazon SNS caller. This is
    // the ARN of the IAM role in your AWS account that Amazon Cognito will use to send SMS messages."
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SmsConfigurationType.html
    expect(textsCodes()).toBe(true);
    const pool = only(synth.template, 'AWS::Cognito::UserPool').resource.Properties;
    const roles = synth.template.findResources('AWS::IAM::Role') as Record<string, CfnResource>;
    const roleId = (pool.SmsConfiguration?.SnsCallerArn as { 'Fn::GetAtt'?: string[] })?.['Fn::GetAtt']?.[0];
    const role = roles[roleId ?? 'none']?.Properties;
    expect(role?.AssumeRolePolicyDocument.Statement[0]).toMatchObject({
      Principal: { Service: 'cognito-idp.amazonaws.com' },
      Condition: { StringEquals: { 'sts:ExternalId': pool.SmsConfiguration.ExternalId } },
    });
    expect(JSON.stringify(role?.Policies)).toContain('sns:Publish');
  });

  it('sends the pool’s e-mail through Amazon SES as the deploy’s sender, which e-mail MFA needs', () => {
    // The definition turns e-mail MFA on (EMAIL_OTP, compared with the other facts above); on AWS that
    // needs the Essentials plan and "EmailSendingAccount: DEVELOPER", the pool's e-mail sent by Amazon SES
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html).
    // DEVELOPER: "Amazon Cognito calls Amazon SES on your behalf to send email from your verified email
    // address"; SourceArn is the ARN of that verified SES identity
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_EmailConfigurationType.html).
    expect(expected.enabledMfas).toContain('EMAIL_OTP');
    const pool = only(synth.template, 'AWS::Cognito::UserPool').resource.Properties;
    expect(pool.EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: SAMPLE_CONTEXT.mailFromAddress,
      // The sender's domain identity, in the stack's own region and account.
      SourceArn: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':ses:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            `:identity/${SAMPLE_CONTEXT.mailFromAddress.split('@')[1]}`,
          ],
        ],
      },
    });
  });

  it('deploys exactly the definition’s providers, each with its kind, scopes and attribute mapping', () => {
    expect(Object.keys(idps).sort()).toEqual(POOL_DEFINITION.identityProviders.map((p) => p.name).sort());
    for (const provider of POOL_DEFINITION.identityProviders) {
      const { Properties: p } = idps[provider.name] as CfnResource;
      // ProviderType and ProviderDetails as CreateIdentityProvider takes them
      // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html).
      expect(p.ProviderType, provider.name).toBe(provider.kind);
      // SAML providers take no scopes: their ProviderDetails have no authorize_scopes. Facebook's
      // scopes are comma-separated, the others' space-separated.
      const scopes = p.ProviderDetails.authorize_scopes as string | undefined;
      expect(scopes?.split(/[ ,]+/), provider.name).toEqual(
        provider.kind === 'SAML' ? undefined : provider.authorizeScopes,
      );
      expect(p.AttributeMapping, provider.name).toEqual(provider.attributeMapping);
    }
  });

  it('OIDC provider: issuer and client from context, the client secret by Secrets Manager reference only', () => {
    const { Properties: p } = idps.Microsoft as CfnResource;
    expect(p.ProviderDetails).toMatchObject({
      oidc_issuer: SAMPLE_CONTEXT['oidc:Microsoft:issuerUrl'],
      client_id: SAMPLE_CONTEXT['oidc:Microsoft:clientId'],
    });
    expect(JSON.stringify(p.ProviderDetails.client_secret)).toContain(
      '{{resolve:secretsmanager:gatehouse/dev/oidc-microsoft-client-secret',
    );
  });

  it('SAML provider: metadata by URL from context, IdP-initiated sign-in and single logout as the definition says', () => {
    const contoso = POOL_DEFINITION.identityProviders.find((p) => p.kind === 'SAML');
    if (contoso === undefined) throw new Error('the definition has no SAML provider');
    const { Properties: p } = idps[contoso.name] as CfnResource;
    // MetadataURL, IDPInit and IDPSignout are the SAML ProviderDetails of CreateIdentityProvider
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html).
    expect(p.ProviderDetails).toEqual({
      MetadataURL: SAMPLE_CONTEXT['saml:Contoso:metadataUrl'],
      IDPSignout: contoso.saml?.idpSignOut,
      IDPInit: contoso.saml?.idpInitiated,
    });
    expect(p.IdpIdentifiers).toEqual(contoso.idpIdentifiers);
  });

  it('Facebook: the app id from context, the app secret by Secrets Manager reference only', () => {
    // ProviderDetails for Facebook: client_id, client_secret, authorize_scopes, api_version
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html).
    const { Properties: p } = idps.Facebook as CfnResource;
    expect(p.ProviderDetails.client_id).toBe(SAMPLE_CONTEXT['facebook:appId']);
    expect(JSON.stringify(p.ProviderDetails.client_secret)).toContain(
      '{{resolve:secretsmanager:gatehouse/dev/facebook-app-secret',
    );
  });

  it('Sign in with Apple: Services ID, team and key ids from context, the private key by Secrets Manager reference only', () => {
    // ProviderDetails for Apple: client_id, team_id, key_id, private_key, authorize_scopes (same page).
    const { Properties: p } = idps.SignInWithApple as CfnResource;
    expect(p.ProviderDetails).toMatchObject({
      client_id: SAMPLE_CONTEXT['apple:servicesId'],
      team_id: SAMPLE_CONTEXT['apple:teamId'],
      key_id: SAMPLE_CONTEXT['apple:keyId'],
    });
    expect(JSON.stringify(p.ProviderDetails.private_key)).toContain(
      '{{resolve:secretsmanager:gatehouse/dev/apple-private-key',
    );
  });

  it('Login with Amazon: the client id from context, the client secret by Secrets Manager reference only', () => {
    const { Properties: p } = idps.LoginWithAmazon as CfnResource;
    expect(p.ProviderDetails.client_id).toBe(SAMPLE_CONTEXT['amazon:clientId']);
    expect(JSON.stringify(p.ProviderDetails.client_secret)).toContain(
      '{{resolve:secretsmanager:gatehouse/dev/amazon-client-secret',
    );
  });

  it('no provider secret is in the template, only references', () => {
    const template = JSON.stringify(synth.template.toJSON());
    expect(template).not.toMatch(/BEGIN PRIVATE KEY|gatehouse-(facebook|amazon)-dev|not-for-production/);
  });
});
