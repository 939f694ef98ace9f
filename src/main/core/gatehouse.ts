import { GatehouseError } from '../../shared/errors';
import type { ChannelName } from '../../shared/ipc/contract';
import { createEventHub, type EventHub } from './ipc/events';
import type { Handlers } from './ipc/router';
import type { Logger } from './log';
import type { AppInfo, BrowserOpener, Clock, KeychainBackend } from './ports';

export interface GatehouseDeps {
  appInfo: AppInfo;
  userPoolId: string;
  keychain: KeychainBackend;
  openBrowser: BrowserOpener;
  clock: Clock;
  log: Logger;
}

/** The whole main-process core, Electron-free: channel handlers, events, and the deep-link entry. */
export interface Gatehouse {
  handlers: Handlers;
  events: EventHub;
  /** The one entry for `gatehouse://` URLs, whichever way the OS delivered them. */
  handleDeepLink(url: string): Promise<void>;
  /** Restores the session from the keychain; call once at launch. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** Assembles the core from its dependencies. */
export function createGatehouse(deps: GatehouseDeps): Gatehouse {
  const events = createEventHub(deps.log);
  const notYet = (channel: ChannelName) => () => {
    throw new GatehouseError('internal', `${channel} is not available yet.`);
  };
  const handlers: Handlers = {
    'app.info': () => ({ ...deps.appInfo, userPoolId: deps.userPoolId }),
    'auth.getState': () => ({ status: 'signed-out' }),
    'auth.passwordPolicy': notYet('auth.passwordPolicy'),
    'auth.signUp': notYet('auth.signUp'),
    'auth.confirmSignUp': notYet('auth.confirmSignUp'),
    'auth.resendCode': notYet('auth.resendCode'),
    'auth.signIn': notYet('auth.signIn'),
    'auth.completeNewPassword': notYet('auth.completeNewPassword'),
    'auth.forgotPassword': notYet('auth.forgotPassword'),
    'auth.confirmForgotPassword': notYet('auth.confirmForgotPassword'),
    'auth.changePassword': notYet('auth.changePassword'),
    'auth.signOut': notYet('auth.signOut'),
    'auth.signOutEverywhere': notYet('auth.signOutEverywhere'),
    'auth.retry': notYet('auth.retry'),
    'google.start': notYet('google.start'),
    'google.cancel': notYet('google.cancel'),
    'google.completeFromUrl': notYet('google.completeFromUrl'),
    'profile.save': notYet('profile.save'),
    'profile.update': notYet('profile.update'),
  };
  return {
    handlers,
    events,
    handleDeepLink: async (url) => {
      deps.log.warn('deep link ignored: no pending sign-in', { url });
    },
    start: async () => {},
    dispose: async () => {},
  };
}
