import { join } from 'node:path';
import { DefaultConfig } from 'cognito-local/lib/server/config.js';
import { Router } from 'cognito-local/lib/server/Router.js';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import { DateClock } from 'cognito-local/lib/services/clock.js';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb.js';
import type { Services } from 'cognito-local/lib/services/index.js';
import type { Triggers } from 'cognito-local/lib/services/triggers/index.js';
import {
  type UserPoolService,
  UserPoolServiceFactoryImpl,
} from 'cognito-local/lib/services/userPoolService.js';
import pino from 'pino';
import { ChallengeSessions } from './challengeSessions.js';
import { CodeChecks, type CodeRules, DEFAULT_CODE_RULES } from './codeChecks.js';
import { DeviceStore } from './devices.js';
import { CognitoException } from './errors.js';
import { SignInLockout } from './lockout.js';
import { Mailbox, newCode } from './mailbox.js';
import { SmsOutbox } from './outbox.js';
import { PasskeyStore } from './passkeys.js';
import type { PreSignUpHook } from './preSignUpTrigger.js';
import { RefreshTokenStore } from './refreshTokens.js';
import { SecretBlocks } from './secretBlock.js';
import { Sessions } from './sessions.js';
import { TokenSigner } from './tokens.js';

/** Everything the user-pool API and the Hosted UI share: cognito-local's services plus Gatehouse's own. */
export interface CognitoCore {
  ctx: Context;
  services: Services;
  /** cognito-local's own target handlers, for what the devstack does not override. */
  route: ReturnType<typeof Router>;
  sessions: Sessions;
  signer: TokenSigner;
  mailbox: Mailbox;
  /** Where texted codes go (never a network). */
  outbox: SmsOutbox;
  secretBlocks: SecretBlocks;
  /** The `Session`s of MFA challenges (SOFTWARE_TOKEN_MFA, MFA_SETUP). */
  challenges: ChallengeSessions;
  /** Expiry and attempt limits of mailed codes. */
  codes: CodeChecks;
  /** Cognito's temporary lockout after repeated wrong passwords or MFA codes. */
  lockout: SignInLockout;
  /** Registered passkeys and the registrations in progress. */
  passkeys: PasskeyStore;
  /** Tracked devices (ConfirmDevice and its siblings). */
  devices: DeviceStore;
  /** The pool's pre-sign-up trigger (the deployed Lambda's module); set once the server knows its URL. */
  preSignUp?: PreSignUpHook;
  /** App client and its pool; `ResourceNotFoundException` for an unknown client id, as Cognito. */
  clientAndPool(clientId: string): Promise<{ client: AppClient; pool: UserPoolService }>;
}

/** No Lambda triggers in the devstack: every trigger reports disabled, so cognito-local never calls one. */
const NO_TRIGGERS = new Proxy({ enabled: () => false } as unknown as Triggers, {
  get: (target, prop) =>
    prop in target
      ? Reflect.get(target, prop)
      : () => {
          throw new Error('Lambda triggers are not available in the devstack');
        },
});

/**
 * Builds cognito-local's services in-process with its JSON store under `dataDir/cognito` (never
 * `.cognito/` in the working directory), Gatehouse's mailbox as its message delivery, random
 * codes, and Gatehouse's session authority as its token generator.
 */
export async function createCognitoCore(opts: {
  dataDir: string;
  issuerDomain: string;
  log: (line: string) => void;
  codeRules?: Partial<CodeRules>;
  /** The clock of the lockout and of mailed codes' expiry (tests move it; default `Date.now`). */
  now?: () => number;
}): Promise<CognitoCore> {
  const now = opts.now ?? Date.now;
  // cognito-local logs request bodies and tokens at debug level; keep it quiet.
  const ctx: Context = { logger: pino({ level: 'silent' }) as unknown as Context['logger'] };
  const storeDir = join(opts.dataDir, 'cognito');
  const ownDir = join(opts.dataDir, 'gatehouse');
  const clock = new DateClock();
  const dataStores = new StormDBDataStoreFactory(storeDir);
  const cognito = await new CognitoServiceFactoryImpl(
    storeDir,
    dataStores,
    new UserPoolServiceFactoryImpl(clock, dataStores),
  ).create(ctx, { UsernameAttributes: [] });

  const signer = new TokenSigner(opts.issuerDomain, join(ownDir, 'access-token-key.json'));
  const rules = { ...DEFAULT_CODE_RULES, ...opts.codeRules };
  const codes = new CodeChecks(join(ownDir, 'codes.json'), rules, now);
  const mailbox = new Mailbox(join(ownDir, 'mailbox.json'), opts.log, (poolId, username) =>
    codes.issued(poolId, username),
  );
  const sessions = new Sessions(
    signer,
    new RefreshTokenStore(join(ownDir, 'refresh-tokens.json'), now),
    cognito,
    ctx,
  );
  const services: Services = {
    clock,
    cognito,
    config: {
      ...DefaultConfig,
      UserPoolDefaults: { UsernameAttributes: [] },
      TokenConfig: { IssuerDomain: opts.issuerDomain },
    },
    messages: mailbox,
    otp: newCode,
    tokenGenerator: sessions,
    triggers: NO_TRIGGERS,
  };
  return {
    ctx,
    services,
    route: Router(services),
    sessions,
    signer,
    mailbox,
    outbox: new SmsOutbox(join(ownDir, 'outbox.json'), opts.log),
    secretBlocks: new SecretBlocks(),
    challenges: new ChallengeSessions(rules.challengeTtlSeconds),
    codes,
    lockout: new SignInLockout(now),
    passkeys: new PasskeyStore(join(ownDir, 'passkeys.json')),
    devices: new DeviceStore(join(ownDir, 'devices.json'), now),
    async clientAndPool(clientId: string) {
      const client = await cognito.getAppClient(ctx, clientId);
      if (client === null) {
        throw new CognitoException(
          'ResourceNotFoundException',
          `User pool client ${clientId} does not exist.`,
        );
      }
      return { client, pool: await cognito.getUserPool(ctx, client.UserPoolId) };
    },
  };
}
