import { createHash, randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../../chromiumHost/chromium';
import { catchDeepLinks } from '../../../chromiumHost/deepLinkCatcher';
import type { RunningDevstack } from '../../index.js';

export { launchChromium };

/** Debian's Chromium of the enclosing file or `describe`; set once `beforeAll` ran. */
export interface DescribeBrowser {
  browser: Browser;
}

/** Launches Chromium before the enclosing file's (or `describe`'s) tests and closes it after them. */
export function describeBrowser(): DescribeBrowser {
  const held = {} as DescribeBrowser;
  beforeAll(async () => {
    held.browser = await launchChromium();
  });
  afterAll(() => held.browser?.close());
  return held;
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

/** Resolves with the first `gatehouse://` redirect the Hosted UI sends `page` to, without following it. */
export async function captureAppRedirect(page: Page, stack: RunningDevstack): Promise<() => Promise<URL>> {
  let resolveCaptured: (url: URL) => void = () => {};
  const captured = new Promise<URL>((resolve) => {
    resolveCaptured = resolve;
  });
  await catchDeepLinks(
    page,
    stack.cognitoUrl,
    (url) => resolveCaptured(new URL(url)),
    new URL(stack.redirectUri).protocol,
  );
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

/** Redeems an authorization code as the app does: the code and its PKCE verifier at `/oauth2/token`. */
export function exchangeCode(
  stack: RunningDevstack,
  code: string,
  verifier: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return postForm(`${stack.cognitoUrl}/oauth2/token`, {
    grant_type: 'authorization_code',
    client_id: stack.clientId,
    code,
    redirect_uri: stack.redirectUri,
    code_verifier: verifier,
  });
}
