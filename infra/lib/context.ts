/**
 * The account-specific values a deploy needs, read from CDK context (`--context key=value` or
 * `cdk.json`) and validated. `cdk synth` without them still works, with placeholders and a
 * warning; `npm run infra:deploy` sets `strict=true`, which turns a missing value into an error.
 */
import { z } from 'zod';

export interface DeployContext {
  /** Hosted UI prefix: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  hostedUiDomainPrefix: string;
  /** Google OAuth client id (public; the secret is in Secrets Manager). */
  googleClientId: string;
  /** Name of the Secrets Manager secret holding the Google client secret as plain text. */
  googleClientSecretName: string;
  /** ACM certificate (same region) for the API's HTTPS listener. */
  certificateArn: string;
  /** The API's host name; point a DNS record at the load balancer output. */
  apiDomainName: string;
  /**
   * The address security notices come from (`MAIL_FROM`); its domain must be a verified Amazon SES
   * identity in the stack's region, the only one the API may send as.
   */
  mailFromAddress: string;
}

/** Context keys in the order the error message lists them. */
export const CONTEXT_KEYS = [
  'hostedUiDomainPrefix',
  'googleClientId',
  'googleClientSecretName',
  'certificateArn',
  'apiDomainName',
  'mailFromAddress',
] as const;

const fields = z.object({
  // Cognito's rule: lowercase letters, digits and hyphens; "aws", "amazon" and "cognito" are reserved.
  hostedUiDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be lowercase letters, digits and hyphens')
    .refine((v) => !/aws|amazon|cognito/.test(v), 'must not contain aws, amazon or cognito'),
  googleClientId: z
    .string()
    .regex(/^[\w.-]+\.apps\.googleusercontent\.com$/, 'must end in .apps.googleusercontent.com'),
  googleClientSecretName: z.string().regex(/^[\w/+=.@-]{1,512}$/, 'must be a Secrets Manager secret name'),
  certificateArn: z
    .string()
    .regex(/^arn:aws[\w-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'must be an ACM certificate ARN'),
  apiDomainName: z
    .string()
    .regex(
      /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/,
      'must be a host name like api.example.com',
    ),
  mailFromAddress: z.email('must be an e-mail address like security@example.com'),
});

/** Obviously fake values for a synth without context: they let `cdk synth` show the templates. */
export function placeholderContext(stage: string): DeployContext {
  return {
    hostedUiDomainPrefix: `gatehouse-${stage}-example`,
    googleClientId: 'example-client-id.apps.googleusercontent.com',
    googleClientSecretName: `gatehouse/${stage}/google-client-secret`,
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    apiDomainName: `api.${stage}.gatehouse.example.com`,
    mailFromAddress: `security@${stage}.gatehouse.example.com`,
  };
}

/** Thrown when the context cannot make a deployable stack; names every key to fix. */
export class DeployContextError extends Error {
  override readonly name = 'DeployContextError';
}

/**
 * Resolves the deploy context of a stage from a context reader. Missing keys get placeholders
 * unless `strict`; a present but malformed value is always an error.
 */
export function resolveDeployContext(
  stage: string,
  read: (key: string) => unknown,
  strict: boolean,
): { context: DeployContext; placeholders: string[] } {
  const placeholder = placeholderContext(stage);
  const raw: Record<string, unknown> = {};
  const placeholders: string[] = [];
  const problems: string[] = [];
  for (const key of CONTEXT_KEYS) {
    const value = read(key);
    if (value === undefined || value === '') {
      if (key === 'googleClientSecretName') raw[key] = placeholder[key];
      else if (strict) problems.push(`${key}: is required (--context ${key}=…)`);
      else {
        raw[key] = placeholder[key];
        placeholders.push(key);
      }
    } else raw[key] = value;
  }
  const parsed = fields.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A missing key is already named above; its "expected string" would only repeat it.
      if (raw[String(issue.path[0])] !== undefined)
        problems.push(`${issue.path.join('.')}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) {
    throw new DeployContextError(
      `Cannot build stage "${stage}":\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return { context: parsed.data, placeholders };
}
