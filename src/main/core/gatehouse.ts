import axios, { type AxiosInstance } from 'axios';
import { GatehouseError, isGatehouseError } from '../../shared/errors';
import { identityProviderOf } from '../../shared/identity';
import type { AuthState } from '../../shared/ipc/contract';
import { identityProvider, POOL_DEFINITION } from '../../shared/poolDefinition';
import { createAccounts } from './accounts/accounts';
import { codeMediaOf } from './accounts/codeSignIn';
import { deviceNameOf } from './accounts/rememberedDevices';
import { createBackendClient } from './backend/backendClient';
import type { GatehouseConfig } from './config';
import { createFederatedSignIn } from './hostedUi/federatedSignIn';
import { createHostedSignOut } from './hostedUi/hostedSignOut';
import { federatedSignInError } from './hostedUi/oauthErrors';
import { createEventHub, type EventHub } from './ipc/events';
import type { Handlers } from './ipc/router';
import { createDeviceVault } from './keychain/deviceVault';
import { createTokenVault } from './keychain/tokenVault';
import type { Logger } from './log';
import type {
  AppInfo,
  BrowserOpener,
  Clock,
  FocusSignal,
  KeychainBackend,
  MonotonicClock,
  WakeSignal,
} from './ports';
import { createAuthSession } from './session/authSession';
import { createCredentials } from './session/credentials';
import { createDeviceListing } from './session/deviceList';
import { createLivenessCheck } from './session/livenessCheck';
import { settlesWithin } from './settlesWithin';

export interface GatehouseDeps {
  appInfo: AppInfo;
  /** The validated configuration (`loadConfig`), parsed once by whoever starts the core. */
  config: GatehouseConfig;
  keychain: KeychainBackend;
  openBrowser: BrowserOpener;
  clock: Clock;
  log: Logger;
  /** HTTP client for the backend API and the Hosted UI token endpoint (default: a fresh axios instance). */
  http?: AxiosInstance;
  /** `fetch` for the Cognito user-pool API (default: the global one); tests count or break requests with it. */
  cognitoFetch?: typeof fetch;
  /** Wake-from-sleep notices (Electron's powerMonitor 'resume'). */
  wakes?: WakeSignal;
  /** The window regained focus (Electron's 'browser-window-focus'): the session is checked, at most once a minute. */
  focuses?: FocusSignal;
  /** Time that only moves forward (`performance.now`), to notice wall-clock jumps; without it they go unnoticed. */
  monotonic?: MonotonicClock;
  /** Delays between retries of a refresh that got no answer (default `REFRESH_RETRY_DELAYS_MS`). */
  refreshRetryDelaysMs?: readonly number[];
}

/** The whole main-process core, Electron-free: channel handlers, events, and the deep-link entry. */
export interface Gatehouse {
  handlers: Handlers;
  events: EventHub;
  /** The one entry for `gatehouse://` URLs, whichever way the OS delivered them. */
  handleDeepLink(url: string): Promise<void>;
  /** Restores the session from the keychain; call once at launch. */
  start(): Promise<void>;
  /** Quitting: forgets the session in memory and waits (up to `KEYCHAIN_FLUSH_MS`) for keychain writes under way. */
  dispose(): Promise<void>;
}

/**
 * How long quitting waits for a keychain write under way. A sign-in's write is not waited for
 * before the user is in (session/steps.ts `enter`), so this is what keeps a sign-in made just
 * before quitting; a keychain that hangs (a prompt nobody answers) must not keep the app from quitting.
 */
export const KEYCHAIN_FLUSH_MS = 5_000;

/** Assembles the core from its dependencies: config → accounts, vault, Hosted UI, credentials, backend → session → handlers. */
export function createGatehouse(deps: GatehouseDeps): Gatehouse {
  const { log, clock } = deps;
  const { config } = deps;
  const http = deps.http ?? axios.create();
  const events = createEventHub(log);
  const poolBinding = { userPoolId: config.userPoolId, clientId: config.clientId };
  // This computer's remembered devices: keychain, beside the refresh token (keychain/deviceVault.ts).
  const deviceVault = createDeviceVault({
    backend: deps.keychain,
    service: config.keychainService,
    pool: poolBinding,
    log,
  });
  const accounts = createAccounts({
    userPoolId: config.userPoolId,
    clientId: config.clientId,
    endpoint: config.cognitoEndpoint,
    timeoutMs: config.httpTimeoutMs,
    passwordPolicy: config.passwordPolicy,
    refreshTokenRotation: POOL_DEFINITION.client.refreshTokenRotation.enabled,
    deviceName: deviceNameOf(deps.appInfo.platform, deps.appInfo.name),
    devices: {
      vault: deviceVault,
      offerRemember: POOL_DEFINITION.deviceTracking.deviceOnlyRememberedOnUserPrompt,
    },
    // Any user-pool answer saying the held session is gone ends it (read lazily: the session is built below).
    onSessionGone: (accessToken) => session.accessRevoked(accessToken),
    log,
    ...(deps.cognitoFetch ? { fetch: deps.cognitoFetch } : {}),
  });
  const vault = createTokenVault({
    backend: deps.keychain,
    service: config.keychainService,
    pool: poolBinding,
    // An old entry does not say which pool issued it: only real Cognito (https) may try it, never loopback.
    adoptLegacy: new URL(config.cognitoEndpoint).protocol === 'https:',
    clock,
    log,
  });
  // One Hosted UI round trip in the browser, sign-in or sign-out, is expected back for the same time.
  const hostedUiRoundTripMs = config.hostedUiRoundTripSeconds * 1000;
  // "Continue with …": the providers this build shows (config), as the pool definition describes them.
  const providers = config.signInProviders.map((name) => identityProvider(name));
  const federated = createFederatedSignIn({
    config,
    ttlMs: hostedUiRoundTripMs,
    http,
    openBrowser: deps.openBrowser,
    clock,
    log,
  });
  const hostedSignOut = createHostedSignOut({
    config,
    windowMs: hostedUiRoundTripMs,
    openBrowser: deps.openBrowser,
    clock,
    log,
  });
  // The session holds the tokens; the credentials keep them fresh for the backend client and
  // report each refresh back to the session (read lazily: the session is built just below).
  const credentials = createCredentials({
    holder: () => session,
    refresh: (refreshToken, username) => accounts.refresh(refreshToken, username),
    clock,
    marginMs: config.refreshMarginSeconds * 1000,
    log,
    ...(deps.refreshRetryDelaysMs === undefined ? {} : { retryDelaysMs: deps.refreshRetryDelaysMs }),
    ...(deps.monotonic === undefined ? {} : { monotonic: deps.monotonic }),
  });
  const session = createAuthSession({
    accounts,
    vault,
    profiles: createBackendClient({ config, http, auth: credentials, log }),
    credentials,
    events,
    log,
    endHostedSession: () => hostedSignOut.start(),
  });
  // The user coming back (focus, wake) checks the session: a remote sign-out shows within the interval.
  const liveness = createLivenessCheck({
    check: () => session.checkSession(),
    clock,
    intervalMs: config.sessionCheckSeconds * 1000,
    log,
  });
  const stopWakes = deps.wakes?.(() => {
    credentials.wake();
    liveness.poke('wake');
  });
  const stopFocuses = deps.focuses?.(() => liveness.poke('focus'));

  const devices = createDeviceListing({ accounts, credentials, vault: deviceVault, log });

  /** Both ways back from the browser (deep link, pasted URL) end here; the session decides what a failure changes. */
  const completeFederated = async (url: string): Promise<AuthState> => {
    let done: Awaited<ReturnType<typeof federated.handleRedirect>>;
    try {
      done = await federated.handleRedirect(url);
    } catch (error) {
      const provider = federated.lastProvider();
      const failure = federatedSignInError(error, provider);
      session.federatedFailed(failure, provider);
      throw failure;
    }
    return session.adoptFederated(done.tokens, identityProviderOf(identityProvider(done.provider).kind));
  };

  /** The shown provider called `name`, or a typed error (the renderer only offers shown ones). */
  const shownProvider = (name: string) => {
    const provider = providers.find((p) => p.name === name);
    if (provider === undefined)
      throw new GatehouseError('invalid_request', `Signing in with ${name} is not offered by this app.`);
    return provider;
  };

  const ok = { ok: true } as const;

  const handlers: Handlers = {
    'app.info': () => ({ ...deps.appInfo, userPoolId: config.userPoolId }),
    'auth.getState': () => session.state(),
    'auth.passwordPolicy': () => config.passwordPolicy,
    'auth.signUp': (request) => accounts.signUp(request),
    'auth.confirmSignUp': async ({ username, code }) => {
      await accounts.confirmSignUp(username, code);
      return ok;
    },
    'auth.resendCode': ({ username }) => accounts.resendCode(username),
    'auth.signIn': ({ login, password }) => session.signIn(login, password),
    'auth.completeNewPassword': ({ newPassword }) => session.completeNewPassword(newPassword),
    'auth.answerTotp': ({ code, rememberDevice }) => session.answerTotp(code, rememberDevice),
    'auth.signInMethods': () => ({ codeMedia: codeMediaOf(POOL_DEFINITION.allowedFirstAuthFactors) }),
    'auth.signInWithCode': ({ login, medium }) => session.signInWithCode(login, medium),
    'auth.answerCode': ({ code }) => session.answerCode(code),
    'auth.sendEmailConfirmation': () => session.sendEmailConfirmation(),
    'auth.confirmEmail': ({ code }) => session.confirmEmail(code),
    'auth.forgotPassword': ({ login }) => accounts.forgotPassword(login),
    'auth.confirmForgotPassword': async ({ login, code, newPassword }) => {
      await accounts.confirmForgotPassword(login, code, newPassword);
      return ok;
    },
    'auth.changePassword': async ({ oldPassword, newPassword }) => {
      await session.changePassword(oldPassword, newPassword);
      return ok;
    },
    'auth.signOut': () => session.signOut(),
    'auth.signOutEverywhere': () => session.signOutEverywhere(),
    'auth.retry': () => session.retry(),
    'federated.providers': () => providers.map(({ name, kind }) => ({ name, kind })),
    'federated.start': async ({ provider }) => {
      const { name } = shownProvider(provider);
      session.federatedStarted(name);
      try {
        return await federated.start(name);
      } catch (error) {
        session.federatedCancelled();
        throw error;
      }
    },
    'federated.cancel': () => {
      federated.cancel();
      return session.federatedCancelled();
    },
    'federated.completeFromUrl': ({ url }) => completeFederated(url),
    'twoStep.status': async () => ({ status: await session.twoStep.status() }),
    'twoStep.startSetup': () => session.twoStep.startSetup(),
    'twoStep.finishSetup': async ({ code, deviceName }) => ({
      status: await session.twoStep.finishSetup(code, deviceName),
    }),
    'twoStep.turnOff': async ({ password, code }) => ({
      status: await session.twoStep.turnOff(password, code),
    }),
    'account.changeName': ({ givenName }) => session.selfService.changeName(givenName),
    'account.startEmailChange': ({ email }) => session.selfService.startEmailChange(email),
    'account.resendEmailCode': () => session.selfService.resendEmailCode(),
    'account.confirmEmailChange': ({ code }) => session.selfService.confirmEmailChange(code),
    'devices.list': async () => ({ devices: await devices.list() }),
    'devices.forget': async ({ id }) => ({ devices: await devices.forget(id) }),
    'profile.save': (input) => session.saveProfile(input),
    'profile.update': (patch) => session.updateProfile(patch),
  };

  return {
    handlers,
    events,
    handleDeepLink: async (url) => {
      // The Hosted UI's sign-out return carries nothing to act on; it is only acknowledged when expected.
      if (url.split(/[?#]/)[0] === config.signOutUri) {
        if (hostedSignOut.accept(url)) log.info('deep link: returned from Hosted UI sign-out');
        else log.warn('deep link refused: unexpected sign-out link');
        return;
      }
      try {
        await completeFederated(url);
      } catch (error) {
        // Already reflected in the auth state (or deliberately not); the OS entry point has nobody to answer.
        log.warn('deep link refused', { code: isGatehouseError(error) ? error.code : 'internal' });
      }
    },
    start: async () => {
      await session.restore();
    },
    dispose: async () => {
      stopWakes?.();
      stopFocuses?.();
      federated.cancel();
      session.dispose();
      if (!(await settlesWithin(vault.idle(), KEYCHAIN_FLUSH_MS)))
        log.warn('quit: a keychain call did not end in time; quitting without it');
    },
  };
}
