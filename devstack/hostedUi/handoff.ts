import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, redirect, sendHtml, unescapeHtml } from '../http/io.js';

/**
 * The Hosted UI's last step: sending the browser back to the app's own scheme (`gatehouse://…`).
 * Cognito answers with a 302, and API clients still get exactly that. A browser tab, though, keeps
 * whatever page it showed before a redirect to a scheme the OS hands to an app (here: the fake
 * Google form, as if nothing had happened). So a browser navigation gets a small page instead that
 * says in plain words what happened and then follows the same link; the link sits only in markup,
 * never in the page's text, since it can carry an authorization code.
 */

/** What the app is being told, read from the link's parameters. */
export type HandoffOutcome = 'signed-in' | 'cancelled' | 'error' | 'signed-out' | 'passkey-added';

const WORDS: Record<HandoffOutcome, { title: string; text: string }> = {
  'signed-in': {
    title: 'You are signed in',
    text: 'Return to Gatehouse to continue. You can close this tab.',
  },
  cancelled: {
    title: 'Sign-in cancelled',
    text: 'Nothing was shared with Gatehouse. Return to Gatehouse to try again or choose another way to sign in.',
  },
  error: {
    title: 'Sign-in did not complete',
    text: 'Something went wrong on the way back to Gatehouse. Return to Gatehouse and try again.',
  },
  'signed-out': {
    title: 'You are signed out',
    text: 'Your sign-in in this browser has ended. You can close this tab.',
  },
  'passkey-added': {
    title: 'Passkey added',
    text: 'Return to Gatehouse: it lists your passkeys. You can close this tab.',
  },
};

/** Classifies a link back to the app by the parameters Cognito puts on it. */
export function handoffOutcome(location: string): HandoffOutcome {
  const params = new URL(location).searchParams;
  if (params.has('code')) return 'signed-in';
  const error = params.get('error');
  if (error === 'access_denied') return 'cancelled';
  if (error !== null) return 'error';
  return 'signed-out';
}

/**
 * The page a browser tab keeps after the hand-off, styled like the Hosted UI's sign-in page; its
 * content is a `<main>`, as the e2e suite's axe check asks of every screenshotted page.
 */
export function renderHandoffPage(location: string, outcome = handoffOutcome(location)): string {
  const { title, text } = WORDS[outcome];
  const href = escapeHtml(location);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta http-equiv="refresh" content="0;url=${href}">
<style>body{font-family:sans-serif;max-width:22rem;margin:3rem auto}a.open{display:block;text-align:center;margin-top:1.5rem}</style></head>
<body data-outcome="${outcome}"><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>
<a class="open" href="${href}">Open Gatehouse</a></main></body></html>`;
}

/** The meta refresh a hand-off page follows; {@link readHandoffPage} parses what {@link renderHandoffPage} writes. */
const REFRESH = /<meta http-equiv="refresh" content="0;url=([^"]+)">/;

/**
 * Reads a hand-off page as a browser host that plays the OS would: the app link it follows, and
 * the page without its refresh (to show instead of failing on the unknown scheme).
 */
export function readHandoffPage(html: string): { link: string; page: string } | undefined {
  const escaped = html.match(REFRESH)?.[1];
  if (escaped === undefined) return undefined;
  return { link: unescapeHtml(escaped), page: html.replace(REFRESH, '') };
}

/** True for a top-level browser navigation (Fetch Metadata), as opposed to an API client's request. */
export function isBrowserNavigation(req: IncomingMessage): boolean {
  return req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document';
}

/**
 * Sends the browser back to a registered app URL: the hand-off page for a browser going to a
 * non-web scheme, Cognito's 302 otherwise. `outcome` names what happened when the link's parameters
 * cannot tell (a passkey added comes back with no code).
 */
export function redirectToApp(
  req: IncomingMessage,
  res: ServerResponse,
  location: string,
  outcome?: HandoffOutcome,
): void {
  const scheme = new URL(location).protocol;
  if (scheme !== 'http:' && scheme !== 'https:' && isBrowserNavigation(req)) {
    sendHtml(res, 200, renderHandoffPage(location, outcome));
    return;
  }
  redirect(res, location);
}
