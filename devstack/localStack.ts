import { join } from 'node:path';
import { type RunningServer, type ServerDeps, startServer } from '../server/app.js';
import { createSignInNameOwner } from '../server/auth/signInNames.js';
import { loadServerConfig } from '../server/config.js';
import { peopleLogStream } from '../server/logging.js';
import { createReleaseSignUp } from '../server/signUps/unconfirmedSignUps.js';
import { DEV_STACK } from '../src/shared/devDefaults.js';
import type { LogFormat } from '../src/shared/logLine.js';
import { type DevstackOptions, type RunningDevstack, startDevstack } from './index.js';

/** Options of the whole local stack: the devstack's, plus the backend API's port. */
export interface LocalStackOptions extends DevstackOptions {
  apiPort?: number;
  /** Backend log level (`silent` in tests). */
  apiLogLevel?: string;
  /** Backend log lines for people through `log` (default), or pino's JSON on stdout when asked. */
  apiLogFormat?: LogFormat;
}

/** The identity stack and the backend, running together on loopback. */
export interface LocalStack {
  devstack: RunningDevstack;
  api: RunningServer;
  /** The `GATEHOUSE_*` variables that point the app's config at this stack. */
  appEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** The `GATEHOUSE_*` variables that point the app's config at `devstack` and the backend at `apiUrl`. */
export function devstackAppEnv(devstack: RunningDevstack, apiUrl: string): Record<string, string> {
  return {
    GATEHOUSE_ENVIRONMENT: 'devstack',
    GATEHOUSE_REGION: devstack.region,
    GATEHOUSE_USER_POOL_ID: devstack.userPoolId,
    GATEHOUSE_CLIENT_ID: devstack.clientId,
    GATEHOUSE_COGNITO_ENDPOINT: `${devstack.cognitoUrl}/`,
    GATEHOUSE_HOSTED_UI_URL: devstack.cognitoUrl,
    GATEHOUSE_API_URL: apiUrl,
  };
}

/**
 * What the backend needs of the devstack beside its config: the dev mailbox for its security notices,
 * and admin calls (AdminGetUser for display names, the sign-up release) signed with the per-run admin
 * key, as the task role's are on AWS.
 */
export function devstackBackendDeps(devstack: RunningDevstack): ServerDeps {
  const admin = { issuer: devstack.issuer, credentials: devstack.adminCredentials };
  return {
    mail: { send: async ({ to, subject, text }) => void devstack.mailbox.notice(to, subject, text) },
    signInNameOwner: createSignInNameOwner(admin),
    releaseSignUp: createReleaseSignUp(admin),
  };
}

/**
 * Starts what `npm start` and the end-to-end tests need: cognito-local + Hosted UI + the fake providers,
 * then the backend API trusting that pool's tokens.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = options.dataDir ?? '.devstack-data';
  const devstack = await startDevstack({ ...options, dataDir });
  const log = options.log ?? ((line: string) => console.log(line));
  try {
    const api = await startServer(
      loadServerConfig({
        SERVER_HOST: options.host ?? DEV_STACK.host,
        SERVER_PORT: String(options.apiPort ?? DEV_STACK.apiPort),
        COGNITO_ISSUER: devstack.issuer,
        COGNITO_CLIENT_ID: devstack.clientId,
        DATABASE_URL: `sqlite:${join(dataDir, 'backend.sqlite')}`,
        LOG_LEVEL: options.apiLogLevel ?? 'info',
      }),
      {
        ...devstackBackendDeps(devstack),
        ...(options.apiLogFormat === 'json' ? {} : { logStream: peopleLogStream(log) }),
      },
    );
    return {
      devstack,
      api,
      appEnv: devstackAppEnv(devstack, api.url),
      async stop() {
        await api.close();
        await devstack.stop();
      },
    };
  } catch (error) {
    await devstack.stop();
    throw error;
  }
}

/** The banner `npm run devstack` and `npm start` print: every URL and identifier a developer needs. */
export function describeLocalStack({ devstack, api }: LocalStack): string {
  return [
    '',
    'Gatehouse local stack is running',
    `  Cognito (user-pool API + Hosted UI)  ${devstack.cognitoUrl}`,
    `  fake Google                          ${devstack.googleUrl}  (ada@gmail.test / ada-password-1)`,
    `  fake Microsoft (OIDC)                ${devstack.microsoftUrl}  (alan@contoso.test / alan-password-1)`,
    `  fake Facebook                        ${devstack.facebookUrl}  (margaret@facebook.test / margaret-password-1)`,
    `  fake Sign in with Apple              ${devstack.appleUrl}  (joan@icloud.test / joan-password-1)`,
    `  fake Login with Amazon               ${devstack.amazonUrl}  (frances@amazon.test / frances-password-1)`,
    `  fake Contoso SSO (SAML 2.0)          ${devstack.contoso.url}  (grace@contoso.test / grace-sso-password-1)`,
    `  backend API                          ${api.url}`,
    `  issuer                               ${devstack.issuer}`,
    `  region / user pool / app client      ${devstack.region} / ${devstack.userPoolId} / ${devstack.clientId}`,
    `  redirect / sign-out URIs             ${devstack.redirectUri}  ${devstack.signOutUri}`,
    `  mailbox                              ${devstack.cognitoUrl}/_dev/mailbox?to=<email>`,
    "  admin API (Admin*/List* targets) needs AWS SigV4 with this run's key pair:",
    `    AWS_ACCESS_KEY_ID=${devstack.adminCredentials.accessKeyId}`,
    `    AWS_SECRET_ACCESS_KEY=${devstack.adminCredentials.secretAccessKey}`,
    '',
  ].join('\n');
}
