import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../http/io.js';

/**
 * The managed-login pages of passkeys: sign in with one, the offer to add one after a password
 * sign-in, and adding one. The ceremony runs in the page with the browser's WebAuthn API
 * (`/passkeys/ceremony.js`); the page posts the credential's JSON back in a plain form.
 */

const STYLE =
  'body{font-family:sans-serif;max-width:22rem;margin:3rem auto}button,a.button{display:block;width:100%;margin:.6rem 0;text-align:center}.error{color:#b00020}';

/** Like `sendHtml`, with the one extra the ceremony needs: its own script, from this origin only. */
export function sendPasskeyPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html;charset=UTF-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; form-action 'self'",
  });
  res.end(html);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** What a ceremony page needs: which ceremony, its options, where the result goes, and the ticket it answers. */
export interface CeremonyPageModel {
  ceremony: 'get' | 'create';
  options: unknown;
  action: string;
  ticket: string;
  error?: string;
  /** Where "use your password instead" leads (the sign-in page of the same request), if anywhere. */
  passwordUrl?: string;
}

const CEREMONY_WORDS = {
  get: {
    title: 'Sign in with a passkey',
    button: 'Use a passkey',
    failed:
      'No passkey for this account was used. If you have not added a passkey on this device yet, sign in with your password and add one.',
  },
  create: {
    title: 'Add a passkey',
    button: 'Create a passkey',
    failed: 'No passkey was created. You can try again, or skip this for now.',
  },
} as const;

/** A page that runs one WebAuthn ceremony when the user presses its button, then posts the result. */
export function renderCeremonyPage(model: CeremonyPageModel): string {
  const words = CEREMONY_WORDS[model.ceremony];
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  const password = model.passwordUrl
    ? `<p><a href="${escapeHtml(model.passwordUrl)}">Sign in with your password instead</a></p>`
    : '';
  return page(
    words.title,
    `<h1>${words.title}</h1>${error}
<p id="status" role="status" data-failed="${escapeHtml(words.failed)}"></p>
<button type="button" id="start" data-ceremony="${model.ceremony}" data-options="${escapeHtml(JSON.stringify(model.options))}">${words.button}</button>
<form id="ceremony-form" method="post" action="${escapeHtml(model.action)}">
<input type="hidden" name="ticket" value="${escapeHtml(model.ticket)}">
<input type="hidden" name="credential" id="credential">
</form>${password}
<script src="/passkeys/ceremony.js"></script>`,
  );
}

/** The offer after a password sign-in: add a passkey now (on the passkey origin) or go on to the app. */
export function renderOfferPage(addUrl: string, skipUrl: string): string {
  return page(
    'Add a passkey',
    `<h1>Sign in faster next time</h1>
<p>Add a passkey to sign in with your fingerprint, face, screen lock or security key instead of your password.</p>
<a class="button" href="${escapeHtml(addUrl)}">Add a passkey</a>
<a class="button" href="${escapeHtml(skipUrl)}">Not now</a>`,
  );
}

/** The step from the managed-login domain to the passkey origin when adding one: goes on by itself. */
export function renderContinuePage(addUrl: string): string {
  const href = escapeHtml(addUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Add a passkey</title>
<meta http-equiv="refresh" content="0;url=${href}"><style>${STYLE}</style></head>
<body><main><h1>Add a passkey</h1><a class="button" href="${href}">Continue</a></main></body></html>`;
}

/**
 * The script of the ceremony pages: the browser's JSON helpers turn the options into WebAuthn's
 * arguments and the credential back into JSON (WebAuthn Level 3 `parse…OptionsFromJSON`, `toJSON`).
 */
export const CEREMONY_SCRIPT = `'use strict';
(() => {
  const start = document.getElementById('start');
  const status = document.getElementById('status');
  start.addEventListener('click', async () => {
    start.disabled = true;
    status.textContent = '';
    try {
      const json = JSON.parse(start.dataset.options);
      const credential =
        start.dataset.ceremony === 'get'
          ? await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) })
          : await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
      document.getElementById('credential').value = JSON.stringify(credential.toJSON());
      document.getElementById('ceremony-form').submit();
    } catch {
      status.textContent = status.dataset.failed;
      start.disabled = false;
    }
  });
})();
`;
