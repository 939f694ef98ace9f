/**
 * The stack outputs the app needs, and how they become the app's configuration file
 * (the keys of `src/main/core/config/settings.ts`). Written by `cdk deploy --outputs-file`, read by
 * `npm run infra:config`.
 */

/** Output names as they appear in the stack and in `cdk.outputs.json`. */
export const OUTPUT_KEYS = {
  region: 'Region',
  userPoolId: 'UserPoolId',
  clientId: 'UserPoolClientId',
  hostedUiUrl: 'HostedUiUrl',
  apiUrl: 'ApiUrl',
  loadBalancerDns: 'LoadBalancerDnsName',
  googleRedirectUri: 'GoogleRedirectUri',
} as const;

/** The CloudFormation stack name of a stage. */
export function stackName(stage: string): string {
  return `Gatehouse-${stage}`;
}

/** The app configuration file's content for one deployed stage (validated by the caller with `loadConfig`). */
export interface AppConfigFile {
  environment: string;
  region: string;
  userPoolId: string;
  clientId: string;
  hostedUiUrl: string;
  apiUrl: string;
  redirectUri: string;
  signOutUri: string;
}

/**
 * Maps one stack's outputs to the app's configuration; throws naming every missing output.
 * `redirectUri`/`signOutUri` come from the pool definition the client was deployed with.
 */
export function appConfigFromOutputs(
  stage: string,
  outputs: Record<string, unknown>,
  uris: { redirectUri: string; signOutUri: string },
): AppConfigFile {
  const read = (key: string): string | undefined => {
    const value = outputs[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const needed = [
    OUTPUT_KEYS.region,
    OUTPUT_KEYS.userPoolId,
    OUTPUT_KEYS.clientId,
    OUTPUT_KEYS.hostedUiUrl,
    OUTPUT_KEYS.apiUrl,
  ];
  const missing = needed.filter((key) => read(key) === undefined);
  if (missing.length > 0) {
    throw new Error(`Stack ${stackName(stage)} has no output ${missing.join(', ')}; deploy it first`);
  }
  return {
    environment: stage,
    region: read(OUTPUT_KEYS.region) as string,
    userPoolId: read(OUTPUT_KEYS.userPoolId) as string,
    clientId: read(OUTPUT_KEYS.clientId) as string,
    hostedUiUrl: read(OUTPUT_KEYS.hostedUiUrl) as string,
    apiUrl: read(OUTPUT_KEYS.apiUrl) as string,
    ...uris,
  };
}
