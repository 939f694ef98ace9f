/**
 * Assembles the backend: Fastify with problem-document errors, `/healthz`, and the `/v1/me`
 * profile routes on top of the configured storage and the pool's JWKS.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { MAX_BODY_BYTES } from '../src/shared/backendApi.js';
import { type CognitoDeviceLister, createCognitoDeviceLister } from './auth/cognitoDevices.js';
import { type CognitoAccountReader, createCognitoAccountReader } from './auth/cognitoUser.js';
import { createJwksResolver, type JwksResolver } from './auth/jwks.js';
import { createSignInNameOwner, type SignInNameOwner } from './auth/signInNames.js';
import { createIdTokenVerifier } from './auth/verifyIdToken.js';
import type { ServerConfig } from './config.js';
import { installErrorHandling, toApiError } from './http/errorHandler.js';
import { sendProblem } from './http/problem.js';
import { DEFAULT_TIMEOUTS, type ServerTimeouts, timeoutOptions } from './http/timeouts.js';
import { createLogger } from './logging.js';
import type { MailPort } from './mail/mailPort.js';
import { createSecurityNotices } from './mail/securityNotices.js';
import { profileRoutes } from './profiles/routes.js';
import { signUpRoutes } from './signUps/routes.js';
import { createReleaseSignUp, type ReleaseSignUp } from './signUps/unconfirmedSignUps.js';
import { openRepository } from './storage/openRepository.js';
import type { ProfileRepository } from './storage/repository.js';

/** Optional collaborators; tests and the benchmark inject these, production uses the defaults. */
export interface ServerDeps {
  /** Storage to use instead of opening `config.database`; the caller keeps ownership of it. */
  repository?: ProfileRepository;
  /** Clock for token checks and timestamps. */
  now?: () => Date;
  /** Where logs go (default stdout). */
  logStream?: DestinationStream;
  /** Key resolver to use instead of fetching `config.cognito.jwksUrl`. */
  keys?: JwksResolver;
  /** Request and connection time limits (tests shorten them to watch them fire). */
  timeouts?: ServerTimeouts;
  /** Where security notices are mailed (the devstack's mailbox locally); without one none are sent. */
  mail?: MailPort;
  /** Reads the caller's Cognito account (GetUser) instead of asking the issuer's user-pool API. */
  readAccount?: CognitoAccountReader;
  /** Lists the caller's remembered devices (ListDevices) instead of asking the issuer's user-pool API. */
  listDevices?: CognitoDeviceLister;
  /** Who signs in with a name; default: AdminGetUser on the issuer's pool with the default credential chain. */
  signInNameOwner?: SignInNameOwner;
  /** Releases an unconfirmed sign-up (AdminGetUser, AdminDeleteUser); default: the issuer's pool, default credentials. */
  releaseSignUp?: ReleaseSignUp;
}

/** Builds the Fastify app, ready to `listen` or `inject`; closing it closes storage it opened. */
export async function buildServer(config: ServerConfig, deps: ServerDeps = {}): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const repository = deps.repository ?? (await openRepository(config.database));
  const app = Fastify({
    // pino's Logger is Fastify's logger; widening it keeps FastifyInstance's default type parameters.
    loggerInstance: createLogger(config.logLevel, deps.logStream) as FastifyBaseLogger,
    bodyLimit: MAX_BODY_BYTES,
    ...timeoutOptions(deps.timeouts ?? DEFAULT_TIMEOUTS),
    // The client address (the per-address rate limit's key) is the socket's, unless the deployment
    // names the proxies in front (behind an ALB every socket is the ALB's).
    trustProxy: config.trustedProxies?.length ? config.trustedProxies : false,
    return503OnClosing: true,
    // Errors Fastify raises before routing (a malformed URL, say) bypass setErrorHandler.
    frameworkErrors: (error, _request, reply) => {
      sendProblem(reply, toApiError(error));
    },
  });
  if (!deps.repository) app.addHook('onClose', () => repository.close());

  installErrorHandling(app);
  // Only JSON is accepted; without this, text/plain bodies would reach validation as strings.
  app.removeContentTypeParser('text/plain');

  app.get('/healthz', async () => ({ status: 'ok' as const }));

  const keys = deps.keys ?? createJwksResolver({ url: config.cognito.jwksUrl });
  const verify = createIdTokenVerifier({
    issuer: config.cognito.issuer,
    clientId: config.cognito.clientId,
    keys,
    now,
  });
  const notices = deps.mail ? createSecurityNotices(deps.mail, app.log) : undefined;
  if (!notices) app.log.info('no mail port: security notices are not sent');
  await app.register(profileRoutes, {
    repository,
    verify,
    now,
    rateLimit: config.rateLimit,
    ...(notices ? { onEmailChanged: notices.emailChanged } : {}),
    notices,
    readAccount: deps.readAccount ?? createCognitoAccountReader({ issuer: config.cognito.issuer }),
    listDevices: deps.listDevices ?? createCognitoDeviceLister({ issuer: config.cognito.issuer }),
    signInNameOwner: deps.signInNameOwner ?? createSignInNameOwner({ issuer: config.cognito.issuer }),
  });
  await app.register(signUpRoutes, {
    release: deps.releaseSignUp ?? createReleaseSignUp({ issuer: config.cognito.issuer }),
    rateLimit: config.rateLimit,
  });
  return app;
}

/** A listening backend, as the stack launcher and `server/cli.ts` use it. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Builds the app and listens on `config.host:config.port` (0 picks a free port). */
export async function startServer(config: ServerConfig, deps: ServerDeps = {}): Promise<RunningServer> {
  const app = await buildServer(config, deps);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
