/**
 * Starts the real backend for a test: ephemeral port, SQLite in a fresh temp dir (or a given
 * repository), pointed at a test issuer, plus a small fetch helper that returns status, headers
 * and parsed JSON.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { startServer } from '../../app.js';
import type { CognitoDeviceLister } from '../../auth/cognitoDevices.js';
import type { CognitoAccountReader } from '../../auth/cognitoUser.js';
import type { SignInNameOwner } from '../../auth/signInNames.js';
import type { ServerConfig } from '../../config.js';
import type { MailPort } from '../../mail/mailPort.js';
import type { ReleaseSignUp } from '../../signUps/unconfirmedSignUps.js';
import type { ProfileRepository } from '../../storage/repository.js';

/** A response as tests look at it. */
export interface TestResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** What a test request may carry. */
export interface TestRequest {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A running backend for one test file. */
export interface TestServer {
  url: string;
  config: ServerConfig;
  dir: string;
  request(method: string, path: string, options?: TestRequest): Promise<TestResponse>;
  close(): Promise<void>;
}

/** Config for a test server: ephemeral port, silent logs, the given issuer and database. */
export function testConfig(
  cognito: ServerConfig['cognito'],
  overrides: Partial<ServerConfig> & { dir?: string } = {},
): ServerConfig {
  const { dir, ...rest } = overrides;
  return {
    host: '127.0.0.1',
    port: 0,
    cognito,
    database: { kind: 'sqlite', path: join(dir ?? tmpdir(), 'gatehouse.sqlite') },
    logLevel: 'silent',
    rateLimit: { max: 10_000, windowMs: 60_000, perIpMax: 1_000_000 },
    ...rest,
  };
}

/** Starts the backend; `issuer` is a test issuer or the devstack's coordinates. */
export async function startTestServer(
  issuer: { issuer: string; clientId: string; jwksUrl: string },
  options: {
    config?: Partial<ServerConfig>;
    repository?: ProfileRepository;
    logStream?: DestinationStream;
    now?: () => Date;
    mail?: MailPort;
    readAccount?: CognitoAccountReader;
    listDevices?: CognitoDeviceLister;
    /** Who signs in with a name; default: nobody (tests of other routes have no pool to ask). */
    signInNameOwner?: SignInNameOwner;
    releaseSignUp?: ReleaseSignUp;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-server-test-'));
  const config = testConfig(
    { issuer: issuer.issuer, clientId: issuer.clientId, jwksUrl: issuer.jwksUrl },
    { dir, ...options.config },
  );
  const deps: Parameters<typeof startServer>[1] = {};
  if (options.repository) deps.repository = options.repository;
  if (options.logStream) deps.logStream = options.logStream;
  if (options.now) deps.now = options.now;
  if (options.mail) deps.mail = options.mail;
  if (options.readAccount) deps.readAccount = options.readAccount;
  if (options.listDevices) deps.listDevices = options.listDevices;
  deps.signInNameOwner = options.signInNameOwner ?? (async () => null);
  if (options.releaseSignUp) deps.releaseSignUp = options.releaseSignUp;
  const server = await startServer(config, deps);

  async function request(method: string, path: string, req: TestRequest = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
    let body: string | undefined = req.rawBody;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (text.length > 0 && /json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed };
  }

  return {
    url: server.url,
    config,
    dir,
    request,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
