/**
 * Where each SAML provider of the pool definition publishes its metadata, from CDK context: either
 * `saml:<Name>:metadataUrl` (an https URL Cognito fetches) or `saml:<Name>:metadataFile` (a path to the
 * metadata XML, read at synth and deployed as its content), as CreateIdentityProvider's `MetadataURL`
 * and `MetadataFile`
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html).
 * Metadata holds only public facts (entity id, endpoints, certificates): no secret is involved.
 */
import { readFileSync } from 'node:fs';
import { DeployContextError } from './context';

/** One SAML provider's metadata, as the stack deploys it. */
export type SamlDeployment = { metadataUrl: string } | { metadataFile: string; metadataContent: string };

/** The context keys of one provider. */
export function samlContextKeys(name: string): { metadataUrl: string; metadataFile: string } {
  return { metadataUrl: `saml:${name}:metadataUrl`, metadataFile: `saml:${name}:metadataFile` };
}

/**
 * Resolves the metadata of every named SAML provider. A missing value gets an obvious placeholder URL
 * unless `strict` (then it is an error); both keys at once, a URL that is not https, or a file that
 * cannot be read or is not SAML metadata are always errors.
 */
export function resolveSamlContext(
  stage: string,
  names: readonly string[],
  read: (key: string) => unknown,
  strict: boolean,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): { saml: Record<string, SamlDeployment>; placeholders: string[] } {
  const saml: Record<string, SamlDeployment> = {};
  const placeholders: string[] = [];
  const problems: string[] = [];
  const given = (key: string) => {
    const value = read(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  for (const name of names) {
    const keys = samlContextKeys(name);
    const url = given(keys.metadataUrl);
    const file = given(keys.metadataFile);
    if (url !== undefined && file !== undefined) {
      problems.push(`${keys.metadataUrl}, ${keys.metadataFile}: give one of them, not both`);
    } else if (file !== undefined) {
      const content = readMetadataFile(file, readFile);
      if (typeof content === 'string') saml[name] = { metadataFile: file, metadataContent: content };
      else problems.push(`${keys.metadataFile}: ${content.problem}`);
    } else if (url !== undefined) {
      if (!/^https:\/\/[^\s]+$/.test(url)) problems.push(`${keys.metadataUrl}: must be an https URL`);
      saml[name] = { metadataUrl: url };
    } else {
      if (strict)
        problems.push(
          `${keys.metadataUrl} (or ${keys.metadataFile}): is required (--context ${keys.metadataUrl}=…)`,
        );
      placeholders.push(keys.metadataUrl);
      saml[name] = { metadataUrl: `https://idp.example.com/${name.toLowerCase()}/saml/metadata` };
    }
  }
  if (problems.length > 0)
    throw new DeployContextError(
      `Cannot build stage "${stage}":\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return { saml, placeholders };
}

function readMetadataFile(path: string, readFile: (path: string) => string): string | { problem: string } {
  let content: string;
  try {
    content = readFile(path);
  } catch (err) {
    return { problem: `cannot read ${path} (${(err as Error).message})` };
  }
  if (!/<(\w+:)?EntityDescriptor[\s>]/.test(content))
    return { problem: `${path} is not SAML metadata (no EntityDescriptor)` };
  return content;
}
