/**
 * One stage of Gatehouse on AWS: the user pool (from the shared definition) and the backend that
 * trusts it, plus the outputs `npm run infra:config` turns into the app's configuration file.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import type { PoolDefinition } from '../../src/shared/poolDefinition';
import { Backend } from './backend';
import type { DeployContext } from './context';
import type { OidcDeployment } from './oidcProviders';
import { OUTPUT_KEYS } from './outputs';
import type { SamlDeployment } from './samlProviders';
import type { SocialDeployment } from './socialProviders';
import type { StageSettings } from './stages';
import { GatehouseUserPool } from './userPool';

export interface GatehouseStackProps extends StackProps {
  stage: StageSettings;
  context: DeployContext;
  /** Where each OIDC provider of the definition is registered (oidcProviders.ts). */
  oidc: Readonly<Record<string, OidcDeployment>>;
  /** Where each SAML provider of the definition publishes its metadata (samlProviders.ts). */
  saml: Readonly<Record<string, SamlDeployment>>;
  /** Where the Facebook, Apple and Amazon providers are registered (socialProviders.ts). */
  social: SocialDeployment;
  definition: PoolDefinition;
  /** The API's container image (the app passes `server/Dockerfile` as an asset). */
  apiImage: ecs.ContainerImage;
}

export class GatehouseStack extends Stack {
  readonly pool: GatehouseUserPool;
  readonly backend: Backend;

  constructor(scope: Construct, id: string, props: GatehouseStackProps) {
    super(scope, id, props);
    const { context, stage } = props;
    this.pool = new GatehouseUserPool(this, 'Identity', {
      definition: props.definition,
      production: stage.production,
      threatProtection: stage.threatProtection,
      hostedUiDomainPrefix: context.hostedUiDomainPrefix,
      googleClientId: context.googleClientId,
      googleClientSecretName: context.googleClientSecretName,
      oidc: props.oidc,
      saml: props.saml,
      mailFromAddress: context.mailFromAddress,
      social: props.social,
    });
    this.backend = new Backend(this, 'Backend', {
      stage,
      image: props.apiImage,
      certificateArn: context.certificateArn,
      cognitoIssuer: this.pool.issuerUrl,
      cognitoClientId: this.pool.client.userPoolClientId,
      userPoolArn: this.pool.userPool.userPoolArn,
      mailFromAddress: context.mailFromAddress,
    });

    const hostedUiUrl = this.pool.domain.baseUrl();
    const outputs: Record<(typeof OUTPUT_KEYS)[keyof typeof OUTPUT_KEYS], [string, string]> = {
      [OUTPUT_KEYS.region]: [this.region, 'AWS region of the pool and the API'],
      [OUTPUT_KEYS.userPoolId]: [this.pool.userPool.userPoolId, 'Cognito user pool id'],
      [OUTPUT_KEYS.clientId]: [this.pool.client.userPoolClientId, 'Public desktop app client id'],
      [OUTPUT_KEYS.hostedUiUrl]: [hostedUiUrl, 'Hosted UI base URL'],
      [OUTPUT_KEYS.apiUrl]: [`https://${context.apiDomainName}`, 'Backend API base URL'],
      [OUTPUT_KEYS.loadBalancerDns]: [
        this.backend.service.loadBalancer.loadBalancerDnsName,
        `Point a CNAME (or alias) for ${context.apiDomainName} here`,
      ],
      [OUTPUT_KEYS.googleRedirectUri]: [
        `${hostedUiUrl}/oauth2/idpresponse`,
        'Authorized redirect URI to register on the Google OAuth client',
      ],
    };
    for (const [key, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, key, { value, description });
    }
  }
}
