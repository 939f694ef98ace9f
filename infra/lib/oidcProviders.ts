/**
 * Where each OpenID Connect provider of the pool definition lives on AWS, from CDK context:
 * `oidc:<Name>:issuerUrl` and `oidc:<Name>:clientId` (e.g. `oidc:Microsoft:issuerUrl`). Its client
 * secret stays in Secrets Manager (`gatehouse/<stage>/oidc-<name>-client-secret`), read by
 * CloudFormation at deploy through a dynamic reference: the template holds its name only.
 */
import { DeployContextError } from './context';

/** One OIDC provider's registration, as the stack deploys it. */
export interface OidcDeployment {
  issuerUrl: string;
  clientId: string;
  /** Name of the Secrets Manager secret holding the client secret as plain text. */
  clientSecretName: string;
}

/** The context keys of one provider, in the order an error lists them. */
export function oidcContextKeys(name: string): { issuerUrl: string; clientId: string } {
  return { issuerUrl: `oidc:${name}:issuerUrl`, clientId: `oidc:${name}:clientId` };
}

/**
 * Resolves the registration of every named OIDC provider. Missing values get obvious placeholders
 * unless `strict` (then they are errors); an issuer that is not an https URL is always an error.
 */
export function resolveOidcContext(
  stage: string,
  names: readonly string[],
  read: (key: string) => unknown,
  strict: boolean,
): { oidc: Record<string, OidcDeployment>; placeholders: string[] } {
  const oidc: Record<string, OidcDeployment> = {};
  const placeholders: string[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const keys = oidcContextKeys(name);
    const given = (key: string, placeholder: string): string => {
      const value = read(key);
      if (typeof value === 'string' && value !== '') return value;
      if (strict) problems.push(`${key}: is required (--context ${key}=…)`);
      placeholders.push(key);
      return placeholder;
    };
    const issuerUrl = given(keys.issuerUrl, `https://login.example.com/${name.toLowerCase()}/v2.0`);
    if (!/^https:\/\/[^\s?#]+$/.test(issuerUrl)) problems.push(`${keys.issuerUrl}: must be an https URL`);
    oidc[name] = {
      issuerUrl,
      clientId: given(keys.clientId, `example-${name.toLowerCase()}-client-id`),
      clientSecretName: `gatehouse/${stage}/oidc-${name.toLowerCase()}-client-secret`,
    };
  }
  if (problems.length > 0)
    throw new DeployContextError(
      `Cannot build stage "${stage}":\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return { oidc, placeholders };
}
