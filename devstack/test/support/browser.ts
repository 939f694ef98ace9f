import { createHash, randomBytes } from 'node:crypto';
import { type Browser, chromium, type Page } from '@playwright/test';
import type { RunningDevstack } from '../../index.js';

/** Debian's Chromium with the flags these machines need (no sandbox, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** A PKCE pair as the app makes it. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The Hosted UI authorize URL the app opens in the system browser. */
export function authorizeUrl(stack: RunningDevstack, params: Record<string, string>): string {
  const url = new URL(`${stack.cognitoUrl}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: stack.clientId,
    redirect_uri: stack.redirectUri,
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    ...params,
  }).toString();
  return url.toString();
}

/**
 * Makes the page stop at the redirect to the app's custom scheme instead of following it.
 * Playwright's page.route does not see redirect hops (Google's redirect back to the Hosted UI is
 * one), so this pauses the Hosted UI's responses through the Chrome DevTools Fetch domain, captures
 * a `Location` with the app's scheme and answers the browser with a blank page instead.
 */
export async function captureAppRedirect(page: Page, stack: RunningDevstack): Promise<() => Promise<URL>> {
  const scheme = new URL(stack.redirectUri).protocol;
  let resolveCaptured: (url: URL) => void = () => {};
  const captured = new Promise<URL>((resolve) => {
    resolveCaptured = resolve;
  });
  const cdp = await page.context().newCDPSession(page);
  // The page may close while a paused request is being answered; that is not a failure.
  const ignoreClosed = () => {};
  cdp.on('Fetch.requestPaused', (event) => {
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (location?.startsWith(scheme)) {
      resolveCaptured(new URL(location));
      cdp
        .send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'content-type', value: 'text/html' }],
          body: Buffer.from('<p>returned to the app</p>').toString('base64'),
        })
        .catch(ignoreClosed);
    } else {
      cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(ignoreClosed);
    }
  });
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: `${stack.cognitoUrl}/*`, requestStage: 'Response' }],
  });
  return () => captured;
}

/** Posts a form to the Hosted UI's token or revoke endpoint. */
export async function postForm(
  url: string,
  form: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
