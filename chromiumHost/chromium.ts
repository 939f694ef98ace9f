import { type Browser, chromium, type LaunchOptions } from '@playwright/test';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser download is not possible here. */
export const CHROMIUM_PATH = process.env.GATEHOUSE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags every Chromium launch needs on these machines: root has no sandbox, there is no GPU, and
 * without the networking flags Chromium floods the closed network with background requests.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/** Launches Debian's Chromium with those flags (headless unless `options` say otherwise). */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...options });
}
