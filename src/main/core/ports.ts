/**
 * What the core needs from the outside world, passed in so the core runs under plain Node in
 * tests: the Electron shell supplies keytar, shell.openExternal and the real clock.
 */

/** Milliseconds since the epoch; injected so expiry logic is testable. */
export interface Clock {
  now(): number;
}

/**
 * Tells the core the machine woke from sleep (Electron: `powerMonitor` 'resume'): tokens held in
 * memory may have expired meanwhile, so the next call refreshes first. Returns the unsubscribe.
 */
export type WakeSignal = (onWake: () => void) => () => void;

/**
 * Tells the core the app's window regained focus (Electron: `app` 'browser-window-focus'; the
 * Chromium host: the page's `focus`), so it can check the session is still live. Returns the unsubscribe.
 */
export type FocusSignal = (onFocus: () => void) => () => void;

/** Milliseconds that only move forward (`performance.now()`): tells a wall-clock jump from elapsed time. */
export type MonotonicClock = () => number;

/** Opens a URL in the user's default browser (Electron: `shell.openExternal`). */
export type BrowserOpener = (url: string) => Promise<void>;

/** The subset of keytar the vault uses (never `findCredentials`: it segfaults on a locked keyring). */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Facts about the running app shown on the first screen. */
export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  environment: string;
}

export const systemClock: Clock = { now: () => Date.now() };
