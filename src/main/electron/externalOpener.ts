import { shell } from 'electron';
import type { BrowserOpener } from '../core/ports';

/** `shell.openExternal`, but only for URLs on the allow-listed origins (the Hosted UI). */
export function allowListedOpener(allowedOrigins: readonly string[]): BrowserOpener {
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return async (url) => {
    const parsed = new URL(url);
    if (!allowed.has(parsed.origin)) throw new Error(`refusing to open ${parsed.origin}: not allow-listed`);
    await shell.openExternal(parsed.toString());
  };
}
