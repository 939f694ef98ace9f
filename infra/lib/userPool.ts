/**
 * The Cognito user pool, its Hosted UI domain, its identity providers (Google, OpenID Connect, SAML,
 * Facebook, Sign in with Apple, Login with Amazon) and
 * the desktop app client, all from the shared pool definition: nothing about the pool is written here twice.
 */
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { type PoolDefinition, type PoolIdentityProvider, textsCodes } from '../../src/shared/poolDefinition';
import { SIGN_UP_CHECK_ATTRIBUTE, SIGN_UP_CHECK_LENGTH } from '../../src/shared/signUpEmail';
import type { OidcDeployment } from './oidcProviders';
import { poolEmail } from './poolEmail';
import { PreSignUpTrigger } from './preSignUpTrigger';
import type { SamlDeployment } from './samlProviders';
import type { SocialDeployment } from './socialProviders';

export interface GatehouseUserPoolProps {
  definition: PoolDefinition;
  /** Deletion protection on, and the pool kept when the stack goes. */
  production: boolean;
  /** The Plus plan with threat protection enforced (see {@link THREAT_PROTECTION}); otherwise Lite. */
  threatProtection: boolean;
  hostedUiDomainPrefix: string;
  googleClientId: string;
  /** Secrets Manager secret (plain text) with the Google client secret; resolved by CloudFormation at deploy. */
  googleClientSecretName: string;
  /** Where each OIDC provider of the definition is registered, by provider name (oidcProviders.ts). */
  oidc: Readonly<Record<string, OidcDeployment>>;
  /** Where each SAML provider of the definition publishes its metadata, by provider name (samlProviders.ts). */
  saml: Readonly<Record<string, SamlDeployment>>;
  /** The pool's e-mail sender through Amazon SES (poolEmail.ts); required when the definition turns e-mail MFA on. */
  mailFromAddress?: string;
  /** Where the Facebook, Apple and Amazon providers are registered (socialProviders.ts). */
  social: SocialDeployment;
}

/** Standard attributes by their OIDC names, as the CDK spells them. */
const STANDARD_ATTRIBUTE_KEYS: Record<string, keyof cognito.StandardAttributes> = {
  email: 'email',
  given_name: 'givenName',
  family_name: 'familyName',
  name: 'fullname',
  phone_number: 'phoneNumber',
};

const OAUTH_SCOPES: Record<string, cognito.OAuthScope> = {
  openid: cognito.OAuthScope.OPENID,
  email: cognito.OAuthScope.EMAIL,
  profile: cognito.OAuthScope.PROFILE,
  phone: cognito.OAuthScope.PHONE,
  'aws.cognito.signin.user.admin': cognito.OAuthScope.COGNITO_ADMIN,
};

/**
 * What threat protection does when on
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html):
 * a password found in a public breach is refused at sign-in, sign-up and password change; a
 * sign-in Cognito rates medium risk must pass MFA if the user has it, a high-risk one is blocked.
 * No notification e-mails (they would need the risk configuration's own SES `NotifyConfiguration`, not built).
 */
export const THREAT_PROTECTION = {
  compromisedCredentials: 'BLOCK',
  risk: { low: 'NO_ACTION', medium: 'MFA_IF_CONFIGURED', high: 'BLOCK' },
} as const;

/** The host name of a Cognito prefix domain: managed login's address, and so the passkeys' relying party id. */
export function managedLoginHost(domainPrefix: string, region: string): string {
  return `${domainPrefix}.auth.${region}.amazoncognito.com`;
}

/** Looks a name up in a table, failing synthesis when the definition names something unknown. */
function known<T>(table: Record<string, T>, name: string, what: string): T {
  const value = table[name];
  if (value === undefined) throw new Error(`The pool definition names an unsupported ${what}: ${name}`);
  return value;
}

function authFlows(flows: readonly string[], rotation: boolean): cognito.AuthFlow {
  const set = new Set(flows);
  // The CDK adds ALLOW_REFRESH_TOKEN_AUTH exactly when rotation is off (with rotation, refreshing goes
  // through GetTokensFromRefreshToken); a definition that says otherwise cannot be honoured.
  if (set.has('ALLOW_REFRESH_TOKEN_AUTH') === rotation) {
    throw new Error(
      rotation
        ? 'With refresh-token rotation the pool definition must not allow ALLOW_REFRESH_TOKEN_AUTH'
        : 'The pool definition must allow ALLOW_REFRESH_TOKEN_AUTH',
    );
  }
  const byName: Record<string, keyof cognito.AuthFlow> = {
    ALLOW_USER_SRP_AUTH: 'userSrp',
    ALLOW_USER_PASSWORD_AUTH: 'userPassword',
    ALLOW_ADMIN_USER_PASSWORD_AUTH: 'adminUserPassword',
    ALLOW_CUSTOM_AUTH: 'custom',
    ALLOW_USER_AUTH: 'user',
  };
  const out: Record<string, boolean> = {};
  for (const flow of set) {
    if (flow !== 'ALLOW_REFRESH_TOKEN_AUTH') out[known(byName, flow, 'auth flow')] = true;
  }
  return out as cognito.AuthFlow;
}

/** The pool, its domain, its identity providers and the public desktop client. */
export class GatehouseUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: GatehouseUserPoolProps) {
    super(scope, id);
    const { definition } = props;
    const policy = definition.passwordPolicy;
    const standardAttributes: Record<string, cognito.StandardAttribute> = {};
    for (const name of definition.requiredAttributes) {
      standardAttributes[known(STANDARD_ATTRIBUTE_KEYS, name, 'required attribute')] = {
        required: true,
        mutable: true,
      };
    }
    if (definition.accountRecovery !== 'verified_email') {
      throw new Error(`Unsupported account recovery: ${definition.accountRecovery}`);
    }

    this.userPool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: true,
      signInAliases: {
        username: true,
        email: definition.aliasAttributes.includes('email'),
        phone: definition.aliasAttributes.includes('phone_number'),
      },
      // Cognito texts through Amazon SNS with this role (CDK's `smsRole`): sign-in codes (SMS_OTP) and
      // phone verification. A new AWS account's SNS is in the SMS sandbox (README).
      enableSmsRole: textsCodes(definition),
      signInCaseSensitive: definition.usernameCaseSensitive,
      autoVerify: { email: definition.autoVerifiedAttributes.includes('email') },
      keepOriginal: { email: definition.attributesRequireVerificationBeforeUpdate.includes('email') },
      userVerification: { emailStyle: cognito.VerificationEmailStyle.CODE },
      standardAttributes,
      // The sign-up check (src/shared/signUpEmail.ts): a SHA-256 the app writes at sign-up, so the
      // maker of an unconfirmed sign-up can have its mistyped e-mail changed.
      customAttributes: {
        [SIGN_UP_CHECK_ATTRIBUTE.replace(/^custom:/, '')]: new cognito.StringAttribute({
          minLen: SIGN_UP_CHECK_LENGTH,
          maxLen: SIGN_UP_CHECK_LENGTH,
          mutable: true,
        }),
      },
      passwordPolicy: {
        minLength: policy.minLength,
        requireLowercase: policy.requireLowercase,
        requireUppercase: policy.requireUppercase,
        requireDigits: policy.requireNumbers,
        requireSymbols: policy.requireSymbols,
        tempPasswordValidity: Duration.days(policy.temporaryPasswordValidityDays),
      },
      mfa: cognito.Mfa[definition.mfa],
      mfaSecondFactor: {
        otp: definition.mfaSecondFactor.otp,
        sms: definition.mfaSecondFactor.sms,
        email: definition.mfaSecondFactor.email,
      },
      email: poolEmail(scope, definition, props.mailFromAddress),
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Passkeys and managed login need Essentials (https://docs.aws.amazon.com/cognito/latest/developerguide/feature-plans-features-essentials.html);
      // threat protection needs Plus, which includes Essentials.
      ...(props.threatProtection
        ? {
            featurePlan: cognito.FeaturePlan.PLUS,
            standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
          }
        : { featurePlan: cognito.FeaturePlan[definition.featurePlan] }),
      // Choice-based sign-in's first factors, as the definition lists them. EMAIL_OTP sends through
      // the pool's e-mail (SES, above) and SMS_OTP through SNS (the SMS role; README).
      signInPolicy: {
        allowedFirstAuthFactors: {
          password: definition.allowedFirstAuthFactors.includes('PASSWORD'),
          emailOtp: definition.allowedFirstAuthFactors.includes('EMAIL_OTP'),
          smsOtp: definition.allowedFirstAuthFactors.includes('SMS_OTP'),
          passkey: definition.allowedFirstAuthFactors.includes('WEB_AUTHN'),
        },
      },
      // The relying party is the managed-login domain; with a custom domain it must be that domain's name.
      passkeyRelyingPartyId: managedLoginHost(props.hostedUiDomainPrefix, Stack.of(scope).region),
      passkeyUserVerification:
        definition.passkeys.userVerification === 'required'
          ? cognito.PasskeyUserVerification.REQUIRED
          : cognito.PasskeyUserVerification.PREFERRED,
      // Remembered devices (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html).
      deviceTracking: {
        challengeRequiredOnNewDevice: definition.deviceTracking.challengeRequiredOnNewDevice,
        deviceOnlyRememberedOnUserPrompt: definition.deviceTracking.deviceOnlyRememberedOnUserPrompt,
      },
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    if (props.threatProtection) this.addRiskConfiguration();
    // One account per person: links verified federated e-mails, refuses a sign-up for an e-mail in use.
    new PreSignUpTrigger(this, 'PreSignUp', { userPool: this.userPool });

    // Passkeys are offered by managed login only, not by the classic Hosted UI.
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.hostedUiDomainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const providers = definition.identityProviders.map((provider) => this.addProvider(provider, props));

    const c = definition.client;
    const supported = c.supportedIdentityProviders.map((name) =>
      name === 'COGNITO'
        ? cognito.UserPoolClientIdentityProvider.COGNITO
        : cognito.UserPoolClientIdentityProvider.custom(name),
    );
    if (c.oauthFlows.some((flow) => flow !== 'code')) throw new Error('Only the code grant is supported');
    this.client = this.userPool.addClient('Desktop', {
      userPoolClientName: 'gatehouse-desktop',
      generateSecret: c.generateSecret,
      authFlows: authFlows(c.explicitAuthFlows, c.refreshTokenRotation.enabled),
      preventUserExistenceErrors: c.preventUserExistenceErrors,
      enableTokenRevocation: c.enableTokenRevocation,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: c.oauthScopes.map((scope) => known(OAUTH_SCOPES, scope, 'OAuth scope')),
        callbackUrls: [...c.callbackUrls],
        logoutUrls: [...c.logoutUrls],
      },
      supportedIdentityProviders: supported,
      accessTokenValidity: Duration.minutes(c.tokenValidity.accessMinutes),
      idTokenValidity: Duration.minutes(c.tokenValidity.idMinutes),
      refreshTokenValidity: Duration.days(c.tokenValidity.refreshDays),
      // Setting the grace period is what turns rotation on (CDK's refreshTokenRotationGracePeriod).
      ...(c.refreshTokenRotation.enabled
        ? {
            refreshTokenRotationGracePeriod: Duration.seconds(c.refreshTokenRotation.retryGracePeriodSeconds),
          }
        : {}),
    });
    // The client names the providers by name; they must exist before it does.
    for (const provider of providers) this.client.node.addDependency(provider);
    // Managed login shows a client's pages only once it has a style: Cognito's default one.
    new cognito.CfnManagedLoginBranding(this, 'ManagedLogin', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }

  /** One identity provider of the definition; a kind the stack cannot deploy yet fails synthesis by name. */
  private addProvider(provider: PoolIdentityProvider, props: GatehouseUserPoolProps): Construct {
    const attributeMapping = {
      custom: Object.fromEntries(
        Object.entries(provider.attributeMapping).map(([attribute, claim]) => [
          attribute,
          cognito.ProviderAttribute.other(claim),
        ]),
      ),
    };
    const scopes = [...provider.authorizeScopes];
    switch (provider.kind) {
      case 'Google':
        return new cognito.UserPoolIdentityProviderGoogle(this, provider.name, {
          userPool: this.userPool,
          clientId: props.googleClientId,
          // A dynamic reference: CloudFormation reads the secret at deploy; the template holds its name only.
          clientSecretValue: SecretValue.secretsManager(props.googleClientSecretName),
          scopes,
          attributeMapping,
        });
      case 'OIDC': {
        const registration = props.oidc[provider.name];
        if (registration === undefined) throw new Error(`No registration for OIDC provider ${provider.name}`);
        return new cognito.UserPoolIdentityProviderOidc(this, provider.name, {
          userPool: this.userPool,
          name: provider.name,
          issuerUrl: registration.issuerUrl,
          clientId: registration.clientId,
          // Still a dynamic reference (`{{resolve:secretsmanager:…}}`), never the secret itself.
          clientSecret: SecretValue.secretsManager(registration.clientSecretName).unsafeUnwrap(),
          scopes,
          attributeMapping,
        });
      }
      case 'SAML': {
        const deployment = props.saml[provider.name];
        if (deployment === undefined) throw new Error(`No metadata for SAML provider ${provider.name}`);
        return new cognito.UserPoolIdentityProviderSaml(this, provider.name, {
          userPool: this.userPool,
          name: provider.name,
          metadata:
            'metadataUrl' in deployment
              ? cognito.UserPoolIdentityProviderSamlMetadata.url(deployment.metadataUrl)
              : cognito.UserPoolIdentityProviderSamlMetadata.file(deployment.metadataContent),
          idpInitiated: provider.saml?.idpInitiated ?? false,
          idpSignout: provider.saml?.idpSignOut ?? false,
          ...(provider.idpIdentifiers === undefined ? {} : { identifiers: [...provider.idpIdentifiers] }),
          attributeMapping,
        });
      }
      case 'Facebook': {
        const registration = need(props.social.facebook, provider);
        return new cognito.UserPoolIdentityProviderFacebook(this, provider.name, {
          userPool: this.userPool,
          clientId: registration.appId,
          // A dynamic reference (`{{resolve:secretsmanager:…}}`), never the app secret itself.
          clientSecret: SecretValue.secretsManager(registration.appSecretName).unsafeUnwrap(),
          scopes,
          attributeMapping,
        });
      }
      case 'SignInWithApple': {
        const registration = need(props.social.apple, provider);
        return new cognito.UserPoolIdentityProviderApple(this, provider.name, {
          userPool: this.userPool,
          clientId: registration.servicesId,
          teamId: registration.teamId,
          keyId: registration.keyId,
          // The .p8 key's text, by dynamic reference only.
          privateKeyValue: SecretValue.secretsManager(registration.privateKeySecretName),
          scopes,
          attributeMapping,
        });
      }
      case 'LoginWithAmazon': {
        const registration = need(props.social.amazon, provider);
        return new cognito.UserPoolIdentityProviderAmazon(this, provider.name, {
          userPool: this.userPool,
          clientId: registration.clientId,
          clientSecret: SecretValue.secretsManager(registration.clientSecretName).unsafeUnwrap(),
          scopes,
          attributeMapping,
        });
      }
      default:
        throw new Error(
          `The CDK app cannot deploy a ${provider.kind} identity provider yet (${provider.name})`,
        );
    }
  }

  /** The pool-wide actions of {@link THREAT_PROTECTION} (`clientId: ALL`). */
  private addRiskConfiguration(): void {
    const action = (eventAction: string) => ({ eventAction, notify: false });
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'ThreatProtection', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: THREAT_PROTECTION.compromisedCredentials },
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: action(THREAT_PROTECTION.risk.low),
          mediumAction: action(THREAT_PROTECTION.risk.medium),
          highAction: action(THREAT_PROTECTION.risk.high),
        },
      },
    });
  }

  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of the pool's tokens. */
  get issuerUrl(): string {
    return `https://${this.userPool.userPoolProviderUrl}`;
  }
}

/** A social provider's registration, or an error naming the provider the context lacks. */
function need<T>(registration: T | undefined, provider: PoolIdentityProvider): T {
  if (registration === undefined)
    throw new Error(`No registration for ${provider.kind} provider ${provider.name}`);
  return registration;
}
