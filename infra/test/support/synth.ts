/**
 * Synthesizes one stage the way `cdk synth --context stage=…` does, but in-process, into a temp
 * folder, with the built-in CloudFormation validation off (it takes tens of seconds here;
 * `npm run infra:synth` keeps it). No Docker and no AWS: the image asset is only staged.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PoolDefinition } from '../../../src/shared/poolDefinition';
import { buildApp } from '../../lib/app';
import type { GatehouseStack } from '../../lib/gatehouseStack';

/** A complete, well-formed deploy context (what a team passes with --context). */
export const SAMPLE_CONTEXT = {
  hostedUiDomainPrefix: 'acme-gatehouse',
  googleClientId: '1234-abc.apps.googleusercontent.com',
  certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555',
  apiDomainName: 'api.acme.example',
  mailFromAddress: 'security@acme.example',
  'oidc:Microsoft:issuerUrl': 'https://login.microsoftonline.com/tenant-id/v2.0',
  'oidc:Microsoft:clientId': 'microsoft-client-id',
  'facebook:appId': '123456789012345',
  'apple:servicesId': 'com.acme.gatehouse.signin',
  'apple:teamId': 'ACMETEAM01',
  'apple:keyId': 'ACMEKEY001',
  'amazon:clientId': 'amzn1.application-oa2-client.acme0001',
  'saml:Contoso:metadataUrl': 'https://sso.contoso.example/saml/metadata',
};

export interface Synthesized {
  app: App;
  stack: GatehouseStack;
  template: Template;
  outdir: string;
}

/** One stage's stack and template. */
export function synthStage(
  stage: string,
  options: { definition?: PoolDefinition; context?: Record<string, unknown> } = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'gatehouse-cdk-'));
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: { stage, ...(options.context ?? SAMPLE_CONTEXT) },
  });
  const [stack] = buildApp(app, options.definition ? { definition: options.definition } : {});
  if (stack === undefined) throw new Error(`no stack for stage ${stage}`);
  return { app, stack, template: Template.fromStack(stack), outdir };
}

/** The template's identity provider called `name` (its `ProviderName`). */
export function identityProviderResource(
  template: Template,
  name: string,
): { id: string; resource: CfnResource } {
  const found = Object.entries(template.findResources('AWS::Cognito::UserPoolIdentityProvider')).filter(
    ([, resource]) => (resource as CfnResource).Properties.ProviderName === name,
  );
  if (found.length !== 1) throw new Error(`expected one identity provider ${name}, found ${found.length}`);
  const [id, resource] = found[0] as [string, CfnResource];
  return { id, resource };
}

/** The only resource of a type in the template (fails when there are none or several). */
export function only(template: Template, type: string): { id: string; resource: CfnResource } {
  const found = Object.entries(template.findResources(type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  const [id, resource] = found[0] as [string, CfnResource];
  return { id, resource };
}

export interface CfnResource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are untyped JSON, read by path in tests
  Properties: Record<string, any>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
