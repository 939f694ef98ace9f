/**
 * The pool's e-mail and e-mail MFA: a definition that turns e-mail MFA on cannot be deployed without an
 * Amazon SES sender, and synthesis says so in words; without e-mail MFA the pool may keep Cognito's
 * default sender. The deployed stack's SES configuration itself is checked in poolAgreement.test.ts.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { POOL_DEFINITION, type PoolDefinition } from '../../src/shared/poolDefinition';
import { PoolEmailError, sesDomainOf } from '../lib/poolEmail';
import { GatehouseUserPool } from '../lib/userPool';

/** A synthesis bundles the pre-sign-up trigger and takes seconds on a busy machine. */
const SYNTH_TIMEOUT = 60_000;

/** The shipped definition without identity providers (they need registrations beside the point here). */
function definitionWith(email: boolean): PoolDefinition {
  return {
    ...POOL_DEFINITION,
    mfaSecondFactor: { ...POOL_DEFINITION.mfaSecondFactor, email },
    identityProviders: [],
    client: { ...POOL_DEFINITION.client, supportedIdentityProviders: ['COGNITO'] },
  };
}

/** A pool alone in a stack, with no SES sender unless one is given. */
function poolStack(definition: PoolDefinition, mailFromAddress?: string): Stack {
  const stack = new Stack(new App(), 'PoolOnly', { env: { region: 'eu-west-1', account: '111122223333' } });
  new GatehouseUserPool(stack, 'Identity', {
    definition,
    production: false,
    threatProtection: false,
    hostedUiDomainPrefix: 'acme-gatehouse',
    googleClientId: '1234-abc.apps.googleusercontent.com',
    googleClientSecretName: 'gatehouse/dev/google-client-secret',
    oidc: {},
    saml: {},
    social: {},
    ...(mailFromAddress === undefined ? {} : { mailFromAddress }),
  });
  return stack;
}

describe('the pool’s e-mail', () => {
  it(
    'refuses e-mail MFA without an SES sender, naming the setting to give',
    () => {
      // E-mail MFA needs the pool's e-mail sent by Amazon SES (EmailSendingAccount DEVELOPER)
      // (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html).
      expect(() => poolStack(definitionWith(true))).toThrow(PoolEmailError);
      expect(() => poolStack(definitionWith(true))).toThrow(/e-mail MFA.*Amazon SES.*mailFromAddress/s);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'without e-mail MFA or a sender, keeps Cognito’s default e-mail and offers no EMAIL_OTP',
    () => {
      const pool = Template.fromStack(poolStack(definitionWith(false))).findResources(
        'AWS::Cognito::UserPool',
      );
      const [properties] = Object.values(pool).map((resource) => resource.Properties);
      expect(properties.EmailConfiguration?.EmailSendingAccount).not.toBe('DEVELOPER');
      expect(properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'with a sender, sends as it through its domain identity in the stack’s region',
    () => {
      const pool = Template.fromStack(
        poolStack(definitionWith(true), 'codes@mail.acme.example'),
      ).findResources('AWS::Cognito::UserPool');
      const [properties] = Object.values(pool).map((resource) => resource.Properties);
      expect(properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
      expect(properties.EmailConfiguration).toEqual({
        EmailSendingAccount: 'DEVELOPER',
        From: 'codes@mail.acme.example',
        SourceArn: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:111122223333:identity/mail.acme.example'],
          ],
        },
      });
    },
    SYNTH_TIMEOUT,
  );

  it('the SES identity is the sender’s domain', () => {
    expect(sesDomainOf('security@acme.example')).toBe('acme.example');
    expect(sesDomainOf('a@b@mail.acme.example')).toBe('mail.acme.example');
  });
});
