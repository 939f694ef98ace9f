/**
 * Builds the CDK app: one stack per stage (all stages, or the one named by `--context stage=…`).
 * Shared by `bin/app.ts` (the CLI's entry) and the tests, so both synthesize the same thing.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, type App, type Environment } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { POOL_DEFINITION, type PoolDefinition } from '../../src/shared/poolDefinition';
import { apiImageBuildArgs, RDS_CA_CHECKSUM_KEY } from './apiImage';
import { resolveDeployContext } from './context';
import { GatehouseStack } from './gatehouseStack';
import { resolveOidcContext } from './oidcProviders';
import { stackName } from './outputs';
import { resolveSamlContext } from './samlProviders';
import { resolveSocialContext } from './socialProviders';
import { STAGES, stageSettings } from './stages';

/** The repository root: the Docker build context of `server/Dockerfile`. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The API image, built from `server/Dockerfile` by `cdk deploy` (synthesis only stages the context),
 * with the build arguments of `apiImage.ts`.
 */
export function apiImageAsset(buildArgs: Record<string, string>): ecs.ContainerImage {
  return ecs.ContainerImage.fromAsset(REPO_ROOT, {
    file: 'server/Dockerfile',
    platform: Platform.LINUX_AMD64,
    buildArgs,
  });
}

/** The image's build arguments: an error when strict (a deploy), a warning and a stand-in otherwise. */
function imageBuildArgs(app: App, read: (key: string) => unknown, strict: boolean): Record<string, string> {
  const args = apiImageBuildArgs(read(RDS_CA_CHECKSUM_KEY));
  if (typeof args !== 'string') return args;
  if (strict) throw new Error(`Cannot build the API image: ${args}`);
  Annotations.of(app).addWarningV2(
    'gatehouse:rds-ca-checksum',
    `${args}; the image will not build without it`,
  );
  // A checksum no download can match: the image cannot be built from this synth by accident.
  const standIn = apiImageBuildArgs('0'.repeat(64));
  if (typeof standIn === 'string') throw new Error(standIn);
  return standIn;
}

/** Adds the stacks to `app`, reading `stage`, `strict` and the deploy context from its context. */
export function buildApp(
  app: App,
  options: { definition?: PoolDefinition; env?: Environment } = {},
): GatehouseStack[] {
  const read = (key: string) => app.node.tryGetContext(key) as unknown;
  const only = read('stage');
  const strict = read('strict') === true || read('strict') === 'true';
  const names = typeof only === 'string' && only !== '' ? [stageSettings(only).name] : Object.keys(STAGES);
  const image = apiImageAsset(imageBuildArgs(app, read, strict));
  return names.map((name) => {
    const definition = options.definition ?? POOL_DEFINITION;
    const { context, placeholders: missing } = resolveDeployContext(name, read, strict);
    const oidcNames = definition.identityProviders.filter((p) => p.kind === 'OIDC').map((p) => p.name);
    const { oidc, placeholders: missingOidc } = resolveOidcContext(name, oidcNames, read, strict);
    const samlNames = definition.identityProviders.filter((p) => p.kind === 'SAML').map((p) => p.name);
    const { saml, placeholders: missingSaml } = resolveSamlContext(name, samlNames, read, strict);
    const kinds = definition.identityProviders.map((p) => p.kind);
    const { social, placeholders: missingSocial } = resolveSocialContext(name, kinds, read, strict);
    const placeholders = [...missing, ...missingOidc, ...missingSaml, ...missingSocial];
    const stack = new GatehouseStack(app, stackName(name), {
      stackName: stackName(name),
      description: `Gatehouse ${name}: Cognito user pool with federated sign-in, and the backend API`,
      env: options.env,
      stage: stageSettings(name),
      context,
      oidc,
      saml,
      social,
      definition,
      apiImage: image,
      terminationProtection: stageSettings(name).production,
    });
    if (placeholders.length > 0) {
      Annotations.of(stack).addWarningV2(
        'gatehouse:placeholders',
        `Placeholder values for ${placeholders.join(', ')}: fine for synth, not deployable (see README "Deploy to AWS")`,
      );
    }
    return stack;
  });
}
