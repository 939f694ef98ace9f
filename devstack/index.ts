import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportPKCS8, generateKeyPair } from 'jose';
import { DEV_STACK } from '../src/shared/devDefaults.js';
import type { CodeRules } from './cognito/codeChecks.js';
import type { MailItem } from './cognito/mailbox.js';
import type { SmsItem } from './cognito/outbox.js';
import { startCognitoServer } from './cognito/server.js';
import type { AdminCredentials } from './cognito/sigv4.js';
import type { OidcBrand } from './fakeGoogle/brand.js';
import { startFakeGoogle } from './fakeGoogle/index.js';
import { GOOGLE_CLIENT } from './googleClient.js';
import { AppleIdp } from './hostedUi/appleIdp.js';
import { createHostedUi } from './hostedUi/index.js';
import { SamlIdp, spEntityId } from './hostedUi/samlIdp.js';
import { amazonIdp, facebookIdp } from './hostedUi/socialIdps.js';
import { startFakeAmazon } from './idp/amazon/index.js';
import { startFakeApple } from './idp/apple/index.js';
import { startFakeFacebook } from './idp/facebook/index.js';
import { MICROSOFT_BRAND } from './idp/oidc/microsoft.js';
import { AMAZON_DEV_SECURITY_PROFILE, APPLE_DEV_SERVICES_ID, FACEBOOK_DEV_APP } from './idp/registrations.js';
import { CONTOSO } from './idp/saml/contoso.js';
import { type RunningFakeSamlIdp, startFakeSamlIdp } from './idp/saml/server.js';
import type { RunningIdp } from './idp/shared/server.js';

export type { MailItem } from './cognito/mailbox.js';
export type { SmsItem } from './cognito/outbox.js';
export type { AdminCredentials } from './cognito/sigv4.js';

/** Options of `startDevstack`; every field has the documented default. */
export interface DevstackOptions {
  /** Loopback address to bind (default 127.0.0.1). */
  host?: string;
  /** Cognito port (default 9231; 0 = ephemeral, and URLs/issuer then use the bound port). */
  cognitoPort?: number;
  /** Fake Google port (default 9230; 0 = ephemeral). */
  googlePort?: number;
  /** Fake Microsoft (the OIDC provider) port (default 9232; 0 = ephemeral). */
  microsoftPort?: number;
  /** Fake "Contoso SSO" (the SAML 2.0 IdP) port (default 9236; 0 = ephemeral). */
  contosoPort?: number;
  /** Fake Facebook port (default 9233; 0 = ephemeral). */
  facebookPort?: number;
  /** Fake Sign in with Apple port (default 9234; 0 = ephemeral). */
  applePort?: number;
  /** Fake Login with Amazon port (default 9235; 0 = ephemeral). */
  amazonPort?: number;
  /** Where all devstack data lives (default `.devstack-data`). */
  dataDir?: string;
  /** Wipe `dataDir` before starting. */
  reset?: boolean;
  /** Extra fake Google accounts (JSON array), added to the seeded ones. */
  googleAccountsFile?: string;
  /** Extra fake Microsoft accounts (the same JSON shape), added to its seeded ones. */
  microsoftAccountsFile?: string;
  /** Accept IdP-initiated sign-in from Contoso SSO, whatever the definition says (tests of that path). */
  contosoIdpInitiated?: boolean;
  /** Extra "Contoso SSO" accounts (the same JSON shape; `sub` is the NameID), added to its seeded ones. */
  contosoAccountsFile?: string;
  /** Where log lines go, including every mailed code (default: stdout). */
  log?: (line: string) => void;
  /** How long mailed codes live, how many wrong tries one tolerates, how long an MFA challenge lasts (default 24 h, 5, 180 s). */
  codeRules?: Partial<CodeRules>;
  /** The clock of the sign-in lockout and of mailed codes' expiry (tests move it; default `Date.now`). */
  now?: () => number;
  /**
   * The key pair IAM-authorized targets accept (default: a new one). A restart over the same data passes
   * the running one, so clients holding it (the backend's AdminGetUser) keep working, as AWS keys outlive an outage.
   */
  adminCredentials?: AdminCredentials;
}

/** A running devstack and the identifiers the app needs to use it. */
export interface RunningDevstack {
  cognitoUrl: string;
  googleUrl: string;
  /** The fake Microsoft (a standards OpenID Provider, the pool's `OIDC` provider). */
  microsoftUrl: string;
  /** The fake SAML 2.0 IdP "Contoso SSO" (the pool's `SAML` provider `Contoso`). */
  contoso: Pick<RunningFakeSamlIdp, 'url' | 'entityId' | 'metadataUrl' | 'issueResponse'>;
  /** The fake Facebook (login dialog + Graph API). */
  facebookUrl: string;
  /** The fake Sign in with Apple. */
  appleUrl: string;
  /** The fake Login with Amazon. */
  amazonUrl: string;
  issuer: string;
  region: string;
  userPoolId: string;
  clientId: string;
  redirectUri: string;
  signOutUri: string;
  /**
   * This run's key pair for IAM-authorized targets (Admin*, List*, pool management): sign with AWS
   * SigV4 (any AWS SDK or the AWS CLI with these as its credentials). New at every start.
   */
  adminCredentials: AdminCredentials;
  mailbox: {
    list(to?: string): MailItem[];
    latestCode(to: string): string | undefined;
    /** Records a notice (the backend's security mails). */
    notice(to: string, subject: string, body: string): void;
  };
  /** The dev SMS outbox (texted codes), by E.164 number. */
  outbox: { list(to?: string): SmsItem[]; latestCode(to: string): string | undefined };
  stop(): Promise<void>;
}

/** A random key pair in AWS's shapes (20-character key id, 40-character secret), unguessable per run. */
function newAdminCredentials(): AdminCredentials {
  return {
    accessKeyId: `AKIDEV${randomBytes(7).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
}

/**
 * Starts the local identity stack: cognito-local with Gatehouse's routes (user-pool API, Hosted
 * UI, dev mailbox), then the fake providers (Google, the OIDC "Microsoft", Facebook, Apple, Amazon),
 * each registered with the pool as the identity provider of its name.
 */
export async function startDevstack(options: DevstackOptions = {}): Promise<RunningDevstack> {
  const host = options.host ?? DEV_STACK.host;
  const dataDir = resolve(options.dataDir ?? '.devstack-data');
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.reset) rmSync(dataDir, { recursive: true, force: true });

  const adminCredentials = options.adminCredentials ?? newAdminCredentials();
  const cognito = await startCognitoServer({
    host,
    port: options.cognitoPort ?? DEV_STACK.cognitoPort,
    dataDir,
    log,
    admin: { credentials: adminCredentials, region: DEV_STACK.region },
    ...(options.codeRules === undefined ? {} : { codeRules: options.codeRules }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const startProvider = (port: number, brand?: OidcBrand, accountsFile?: string) =>
    startFakeGoogle({
      host,
      port,
      clients: [
        {
          clientId: GOOGLE_CLIENT.clientId,
          clientSecret: GOOGLE_CLIENT.clientSecret,
          redirectUris: [`${cognito.url}${GOOGLE_CLIENT.callbackPath}`],
        },
      ],
      ...(accountsFile === undefined ? {} : { accountsFile }),
      ...(brand === undefined ? {} : { brand }),
      log,
    });
  const started: { stop(): Promise<void> }[] = [];
  let google: Awaited<ReturnType<typeof startFakeGoogle>>;
  let microsoft: Awaited<ReturnType<typeof startFakeGoogle>>;
  let facebook: RunningIdp;
  let apple: RunningIdp;
  let amazon: RunningIdp;
  const redirectUris = [`${cognito.url}${GOOGLE_CLIENT.callbackPath}`];
  // The team's Sign in with Apple key: Apple keeps the public half, the pool signs client secrets with the private one.
  const appleKey = await generateKeyPair('ES256', { extractable: true });
  let contoso: RunningFakeSamlIdp;
  // The pool's SAML assertion consumer service, which the fake IdP posts to.
  const acsUrl = `${cognito.url}/saml2/idpresponse`;
  try {
    google = await startProvider(
      options.googlePort ?? DEV_STACK.googlePort,
      undefined,
      options.googleAccountsFile,
    );
    started.push(google);
    microsoft = await startProvider(
      options.microsoftPort ?? DEV_STACK.microsoftPort,
      MICROSOFT_BRAND,
      options.microsoftAccountsFile,
    );
    started.push(microsoft);
    facebook = await startFakeFacebook({
      host,
      port: options.facebookPort ?? DEV_STACK.facebookPort,
      app: { ...FACEBOOK_DEV_APP, redirectUris },
      log,
    });
    started.push(facebook);
    apple = await startFakeApple({
      host,
      port: options.applePort ?? DEV_STACK.applePort,
      client: { ...APPLE_DEV_SERVICES_ID, publicKey: appleKey.publicKey, redirectUris },
      log,
    });
    started.push(apple);
    amazon = await startFakeAmazon({
      host,
      port: options.amazonPort ?? DEV_STACK.amazonPort,
      profile: { ...AMAZON_DEV_SECURITY_PROFILE, redirectUris },
      log,
    });
    started.push(amazon);
    contoso = await startFakeSamlIdp({
      host,
      port: options.contosoPort ?? DEV_STACK.contosoPort,
      serviceProviders: [{ entityId: spEntityId(DEV_STACK.userPoolId), acsUrl }],
      ...(options.contosoAccountsFile === undefined ? {} : { accountsFile: options.contosoAccountsFile }),
      log,
    });
    started.push(contoso);
  } catch (err) {
    await Promise.all([...started.map((s) => s.stop()), cognito.stop()]);
    throw err;
  }

  const privateKeyPem = await exportPKCS8(appleKey.privateKey);
  const registration = (issuer: string) => ({
    issuer,
    clientId: GOOGLE_CLIENT.clientId,
    clientSecret: GOOGLE_CLIENT.clientSecret,
  });
  cognito.mountHostedUi(
    createHostedUi(cognito.core, cognito.url, {
      Google: registration(google.issuer),
      [MICROSOFT_BRAND.name]: registration(microsoft.issuer),
      Facebook: (provider, callbackUrl) =>
        facebookIdp(provider, { ...FACEBOOK_DEV_APP, baseUrl: facebook.url }, callbackUrl),
      SignInWithApple: (provider, callbackUrl) =>
        new AppleIdp(provider, { ...APPLE_DEV_SERVICES_ID, baseUrl: apple.url, privateKeyPem }, callbackUrl),
      LoginWithAmazon: (provider, callbackUrl) =>
        amazonIdp(provider, { ...AMAZON_DEV_SECURITY_PROFILE, baseUrl: amazon.url }, callbackUrl),
      [CONTOSO.providerName]: (provider) =>
        new SamlIdp(
          provider,
          {
            metadataUrl: contoso.metadataUrl,
            ...(options.contosoIdpInitiated === undefined
              ? {}
              : { idpInitiated: options.contosoIdpInitiated }),
          },
          spEntityId(DEV_STACK.userPoolId),
          acsUrl,
        ),
    }),
  );
  const { mailbox, outbox } = cognito.core;
  let stopping: Promise<void> | undefined;
  return {
    cognitoUrl: cognito.url,
    googleUrl: google.url,
    microsoftUrl: microsoft.url,
    contoso: {
      url: contoso.url,
      entityId: contoso.entityId,
      metadataUrl: contoso.metadataUrl,
      issueResponse: (input) => contoso.issueResponse(input),
    },
    facebookUrl: facebook.url,
    appleUrl: apple.url,
    amazonUrl: amazon.url,
    issuer: cognito.core.signer.issuerOf(DEV_STACK.userPoolId),
    region: DEV_STACK.region,
    userPoolId: DEV_STACK.userPoolId,
    clientId: DEV_STACK.clientId,
    redirectUri: DEV_STACK.redirectUri,
    signOutUri: DEV_STACK.signOutUri,
    adminCredentials,
    mailbox: {
      list: (to) => mailbox.list(to),
      latestCode: (to) => mailbox.latestCode(to),
      notice: (to, subject, body) => void mailbox.notice(to, subject, body),
    },
    outbox: { list: (to) => outbox.list(to), latestCode: (to) => outbox.latestCode(to) },
    stop() {
      stopping ??= Promise.all([...started.map((s) => s.stop()), cognito.stop()]).then(() => undefined);
      return stopping;
    },
  };
}
