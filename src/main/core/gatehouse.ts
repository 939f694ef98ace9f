import axios, { type AxiosInstance } from 'axios';
import { GatehouseError, isGatehouseError } from '../../shared/errors';
import { identityProviderOf } from '../../shared/identity';
import type { AuthState, Passkey } from '../../shared/ipc/contract';
import { isPasskeySignIn, PASSKEY_SIGN_IN } from '../../shared/passkeySignIn';
import { identityProvider, POOL_DEFINITION } from '../../shared/poolDefinition';
import { createAccounts } from './accounts/accounts';
import { codeMediaOf } from './accounts/codeSignIn';
import { normalizeLogin, phoneForCognito } from './accounts/phoneNumber';
import { deviceNameOf } from './accounts/rememberedDevices';
import { createSignUpEmailChange } from './accounts/signUpEmailChange';
import type { PasskeyDescription } from './accounts/webAuthnCredentials';
import { createBackendClient } from './backend/backendClient';
import { createSignUpRelease } from './backend/signUpRelease';
import type { GatehouseConfig } from './config';
import { createFederatedSignIn } from './hostedUi/federatedSignIn';
import { createFirstLinkRetry } from './hostedUi/firstLink';
import { createHostedSignOut } from './hostedUi/hostedSignOut';
import { federatedSignInError } from './hostedUi/oauthErrors';
import { createPasskeyAdd } from './hostedUi/passkeyAdd';
import { createEventHub, type EventHub } from './ipc/events';
import type { Handlers } from './ipc/router';
import { createDeviceVault } from './keychain/deviceVault';
import { createSignUpVault } from './keychain/signUpVault';
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

/** A passkey as the renderer sees it (the contract's `Passkey`). */
const passkeyView = (passkey: PasskeyDescription): Passkey => ({
  id: passkey.credentialId,
  name: passkey.name,
  createdAt: passkey.createdAt,
  ...(passkey.attachment === undefined ? {} : { attachment: passkey.attachment }),
});

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
  // Sign-ups made in this run keep their secret, so a mistyped e-mail can be changed before confirming.
  const signUps = createSignUpEmailChange({
    registration: accounts,
    release: createSignUpRelease({ config, http, log }),
    vault: createSignUpVault({
      backend: deps.keychain,
      service: config.keychainService,
      pool: poolBinding,
      log,
    }),
    policy: config.passwordPolicy,
    log,
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
  const passkeyAdd = createPasskeyAdd({
    config,
    ttlMs: hostedUiRoundTripMs,
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
    emailMfaOffered: POOL_DEFINITION.mfa !== 'OFF' && POOL_DEFINITION.mfaSecondFactor.email,
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

  /**
   * A passkey sign-in or a passkey added leaves managed login's own session in the browser (a pool
   * account's sign-out does not end it as a federated one's does): signing out of Gatehouse ends it
   * too, or the next "Sign in with a passkey" in that browser would not ask for the passkey. Kept in
   * memory: after a relaunch it is not known.
   */
  let managedLoginUsed = false;
  const endManagedLogin = async <T>(signedOut: T): Promise<T> => {
    if (managedLoginUsed) {
      managedLoginUsed = false;
      await hostedSignOut.start();
    }
    return signedOut;
  };

  // Cognito fails the sign-in that links a provider to an existing account once: start it again (firstLink.ts).
  const firstLink = createFirstLinkRetry({
    linking: (provider) => session.federatedLinking(provider),
    restart: (provider) => federated.start(provider),
  });

  /** Both ways back from the browser (deep link, pasted URL) end here; the session decides what a failure changes. */
  const completeFederated = async (url: string): Promise<AuthState> => {
    let done: Awaited<ReturnType<typeof federated.handleRedirect>>;
    try {
      done = await federated.handleRedirect(url);
    } catch (error) {
      if (await firstLink.handled(error)) return session.state();
      const provider = federated.lastProvider();
      const failure = federatedSignInError(error, provider);
      session.federatedFailed(failure, provider);
      throw failure;
    }
    // A passkey sign-in is managed login's own: the user is a pool user.
    const passkey = isPasskeySignIn(done.provider);
    if (passkey) managedLoginUsed = true;
    const kind = passkey ? 'cognito' : identityProviderOf(identityProvider(done.provider).kind);
    return session.adoptFederated(done.tokens, kind);
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
    'auth.signUp': ({ phone, ...request }) =>
      signUps.signUp({ ...request, ...(phone === undefined ? {} : { phone: phoneForCognito(phone) }) }),
    'auth.confirmSignUp': async ({ username, code }) => {
      const login = normalizeLogin(username);
      await accounts.confirmSignUp(login, code);
      await signUps.forget(login);
      return ok;
    },
    'auth.resendCode': ({ username }) => accounts.resendCode(normalizeLogin(username)),
    'auth.changeSignUpEmail': ({ username, email, password }) =>
      signUps.changeEmail(normalizeLogin(username), email, password),
    'auth.signIn': ({ login, password }) => session.signIn(normalizeLogin(login), password),
    'auth.completeNewPassword': ({ newPassword }) => session.completeNewPassword(newPassword),
    'auth.answerTotp': ({ code, rememberDevice }) => session.answerTotp(code, rememberDevice),
    'auth.signInMethods': () => ({
      codeMedia: codeMediaOf(POOL_DEFINITION.allowedFirstAuthFactors),
      passkey: POOL_DEFINITION.allowedFirstAuthFactors.includes('WEB_AUTHN'),
    }),
    'auth.signInWithCode': ({ login, medium }) => session.signInWithCode(normalizeLogin(login), medium),
    'auth.answerCode': ({ code }) => session.answerCode(code),
    'auth.answerEmailMfa': ({ code }) => session.answerEmailMfa(code),
    'auth.switchSecondStep': ({ method }) => session.switchSecondStep(method),
    'auth.sendEmailConfirmation': () => session.sendEmailConfirmation(),
    'auth.confirmEmail': ({ code }) => session.confirmEmail(code),
    'auth.forgotPassword': ({ login }) => accounts.forgotPassword(normalizeLogin(login)),
    'auth.confirmForgotPassword': async ({ login, code, newPassword }) => {
      await accounts.confirmForgotPassword(normalizeLogin(login), code, newPassword);
      return ok;
    },
    'auth.changePassword': async ({ oldPassword, newPassword }) => {
      await session.changePassword(oldPassword, newPassword);
      return ok;
    },
    'auth.signOut': async () => endManagedLogin(await session.signOut()),
    'auth.signOutEverywhere': async () => endManagedLogin(await session.signOutEverywhere()),
    'auth.retry': () => session.retry(),
    'federated.providers': () => providers.map(({ name, kind }) => ({ name, kind })),
    'federated.start': async ({ provider }) => {
      const { name } = shownProvider(provider);
      firstLink.reset();
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
    'twoStep.startSetup': ({ deviceName }) => session.twoStep.startSetup(deviceName),
    'twoStep.finishSetup': async ({ code, deviceName }) => ({
      status: await session.twoStep.finishSetup(code, deviceName),
    }),
    'twoStep.methods': () => session.secondSteps.methods(),
    'twoStep.turnOnEmail': () => session.secondSteps.turnOnEmail(),
    'twoStep.turnOffMethod': async (request) =>
      request.proof === 'totp'
        ? {
            status: 'done' as const,
            methods: await session.secondSteps.turnOffWithAuthenticator(
              request.method,
              request.password,
              request.code,
            ),
          }
        : {
            status: 'code-sent' as const,
            delivery: await session.secondSteps.sendTurnOffCode(request.method, request.password),
          },
    'twoStep.finishTurnOff': ({ code }) => session.secondSteps.finishTurnOff(code),
    'twoStep.turnOff': async ({ password, code }) => ({
      status: await session.twoStep.turnOff(password, code),
    }),
    'account.changeName': ({ givenName }) => session.selfService.changeName(givenName),
    'account.startEmailChange': ({ email }) => session.selfService.startEmailChange(email),
    'account.resendEmailCode': () => session.selfService.resendEmailCode(),
    'account.confirmEmailChange': ({ code }) => session.selfService.confirmEmailChange(code),
    'devices.list': async () => ({ devices: await devices.list() }),
    'devices.forget': async ({ id }) => ({ devices: await devices.forget(id) }),
    'account.delete': (proof) => session.deleteAccount(proof),
    'passkeys.startSignIn': async () => {
      session.federatedStarted(PASSKEY_SIGN_IN);
      try {
        return await federated.startPasskey();
      } catch (error) {
        session.federatedCancelled();
        throw error;
      }
    },
    'passkeys.list': async () => ({ passkeys: (await session.passkeys.list()).map(passkeyView) }),
    'passkeys.startAdd': async () => {
      await session.passkeys.list(); // signed in with a pool account, or a typed error before the browser opens
      return passkeyAdd.start();
    },
    'passkeys.remove': async ({ id, password, code }) => ({
      passkeys: (await session.passkeys.remove(id, password, code)).map(passkeyView),
    }),
    'account.sendPhoneCode': () => session.phone.sendCode(),
    'account.verifyPhone': ({ code }) => session.phone.verify(code),
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
      const added = passkeyAdd.takeReturn(url);
      if (added !== 'not-an-add') {
        if (added === 'returned') {
          managedLoginUsed = true;
          events.publish('passkeys.returned', {});
        }
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
      passkeyAdd.cancel();
      session.dispose();
      if (!(await settlesWithin(vault.idle(), KEYCHAIN_FLUSH_MS)))
        log.warn('quit: a keychain call did not end in time; quitting without it');
    },
  };
}
