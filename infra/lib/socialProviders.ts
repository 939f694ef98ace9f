/**
 * Where the pool definition's Facebook, Sign in with Apple and Login with Amazon providers are
 * registered, from CDK context: `facebook:appId`; `apple:servicesId`, `apple:teamId`, `apple:keyId`;
 * `amazon:clientId`. Their secrets stay in Secrets Manager, read by CloudFormation at deploy
 * through dynamic references, so the template holds names only: the Facebook app secret
 * (`gatehouse/<stage>/facebook-app-secret`), Apple's private key, the .p8 file's PEM text
 * (`gatehouse/<stage>/apple-private-key`), and the Amazon client secret
 * (`gatehouse/<stage>/amazon-client-secret`).
 */
import type { ProviderKind } from '../../src/shared/poolDefinition';
import { DeployContextError } from './context';

/** The social providers' registrations the stack deploys (only the kinds the definition lists). */
export interface SocialDeployment {
  facebook?: { appId: string; appSecretName: string };
  apple?: { servicesId: string; teamId: string; keyId: string; privateKeySecretName: string };
  amazon?: { clientId: string; clientSecretName: string };
}

/** Apple's team and key ids: 10 upper-case letters and digits. */
const APPLE_ID = /^[A-Z0-9]{10}$/;

/** Each social kind's context keys, a placeholder and a check for each value. */
const KEYS = {
  Facebook: { 'facebook:appId': { placeholder: '000000000000000', valid: /^\d+$/, rule: 'digits' } },
  SignInWithApple: {
    'apple:servicesId': {
      placeholder: 'com.example.gatehouse.signin',
      valid: /^[\w.-]+$/,
      rule: 'a Services ID',
    },
    'apple:teamId': { placeholder: 'EXAMPLE000', valid: APPLE_ID, rule: '10 letters and digits' },
    'apple:keyId': { placeholder: 'EXAMPLEKEY', valid: APPLE_ID, rule: '10 letters and digits' },
  },
  LoginWithAmazon: {
    'amazon:clientId': {
      placeholder: 'amzn1.application-oa2-client.example',
      valid: /^amzn1\.application-oa2-client\.\w+$/,
      rule: 'an amzn1.application-oa2-client.… id',
    },
  },
} as const;

/**
 * Resolves the registration of every social kind among `kinds`. Missing values get obvious
 * placeholders unless `strict` (then they are errors); a malformed value is always an error.
 */
export function resolveSocialContext(
  stage: string,
  kinds: readonly ProviderKind[],
  read: (key: string) => unknown,
  strict: boolean,
): { social: SocialDeployment; placeholders: string[] } {
  const placeholders: string[] = [];
  const problems: string[] = [];
  const value = (kind: keyof typeof KEYS, key: string): string => {
    const spec = (KEYS[kind] as Record<string, { placeholder: string; valid: RegExp; rule: string }>)[key];
    if (spec === undefined) throw new Error(`unknown context key ${key}`);
    const given = read(key);
    if (typeof given === 'string' && given !== '') {
      if (!spec.valid.test(given)) problems.push(`${key}: must be ${spec.rule}`);
      return given;
    }
    if (strict) problems.push(`${key}: is required (--context ${key}=…)`);
    placeholders.push(key);
    return spec.placeholder;
  };
  const social: SocialDeployment = {};
  if (kinds.includes('Facebook'))
    social.facebook = {
      appId: value('Facebook', 'facebook:appId'),
      appSecretName: `gatehouse/${stage}/facebook-app-secret`,
    };
  if (kinds.includes('SignInWithApple'))
    social.apple = {
      servicesId: value('SignInWithApple', 'apple:servicesId'),
      teamId: value('SignInWithApple', 'apple:teamId'),
      keyId: value('SignInWithApple', 'apple:keyId'),
      privateKeySecretName: `gatehouse/${stage}/apple-private-key`,
    };
  if (kinds.includes('LoginWithAmazon'))
    social.amazon = {
      clientId: value('LoginWithAmazon', 'amazon:clientId'),
      clientSecretName: `gatehouse/${stage}/amazon-client-secret`,
    };
  if (problems.length > 0)
    throw new DeployContextError(
      `Cannot build stage "${stage}":\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return { social, placeholders };
}
