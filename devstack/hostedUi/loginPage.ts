import { providerButtonLabel } from '../../src/shared/providerLabels.js';
import { escapeHtml } from '../http/io.js';

/** What the hosted sign-in page shows. */
export interface LoginPageModel {
  requestId: string;
  error?: string;
  username?: string;
  /** One link per provider the client allows, restarting the same authorize request with `identity_provider=<name>`. */
  providers?: readonly { name: string; url: string }[];
  /** Link to the passkey sign-in of the same request, when the pool has passkeys on. */
  passkeyUrl?: string;
}

/** The hosted sign-in page for pool users (username or e-mail + password). */
export function renderLoginPage(model: LoginPageModel): string {
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  const links = (model.providers ?? []).map(
    (p) => `<p><a class="idp" href="${escapeHtml(p.url)}">${escapeHtml(providerButtonLabel(p.name))}</a></p>`,
  );
  const google = links.length > 0 ? `<p class="or">or</p>${links.join('')}` : '';
  const passkey = model.passkeyUrl
    ? `<p><a class="passkey" href="${escapeHtml(model.passkeyUrl)}">Sign in with a passkey</a></p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signin</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:3rem auto}label,input,button{display:block;width:100%;margin:.4rem 0}
.error{color:#b00020}.or{text-align:center;color:#666}.idp,.passkey{display:block;text-align:center}</style></head>
<body><h1>Sign in with your username and password</h1>${error}
<form method="post" action="/login">
<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
<label for="username">Username or e-mail</label>
<input id="username" name="username" autocomplete="username" required value="${escapeHtml(model.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>${passkey}${google}</body></html>`;
}

/** What the hosted second-step page shows: the sign-in it continues and any error. */
export interface CodePageModel {
  requestId: string;
  /** The MFA challenge session this page answers. */
  session: string;
  error?: string;
}

/** The hosted page for the second step of a user with two-step verification on (SOFTWARE_TOKEN_MFA). */
export function renderCodePage(model: CodePageModel): string {
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signin</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:3rem auto}label,input,button{display:block;width:100%;margin:.4rem 0}
.error{color:#b00020}</style></head>
<body><h1>Enter the code from your authenticator app</h1>${error}
<form method="post" action="/login">
<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
<input type="hidden" name="mfa" value="${escapeHtml(model.session)}">
<label for="code">6-digit code</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required>
<button type="submit">Sign in</button>
</form></body></html>`;
}
