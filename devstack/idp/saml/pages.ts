import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../../http/io.js';

/**
 * The HTTP-POST binding's hand-off page (SAML Bindings §3.5): a form that carries `SAMLResponse` and
 * `RelayState` to the SP's assertion consumer service. A nonce'd script submits it at once; without
 * scripts the focused Continue button does (Enter or a click).
 */
export function sendPostBindingPage(
  res: ServerResponse,
  acsUrl: string,
  samlResponseXml: string,
  relayState: string | undefined,
): void {
  const nonce = randomBytes(16).toString('base64');
  const relay =
    relayState === undefined
      ? ''
      : `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">`;
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // No form-action: Chromium applies it to the redirects that follow the post (to the app's scheme).
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  res.end(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Signing you in – Contoso SSO (Gatehouse dev)</title></head>
<body style="font-family:Segoe UI,Arial,sans-serif;margin:48px">
<form id="saml-post" method="post" action="${escapeHtml(acsUrl)}">
<input type="hidden" name="SAMLResponse" value="${Buffer.from(samlResponseXml, 'utf8').toString('base64')}">
${relay}
<p>Returning you to the application…</p>
<button type="submit" autofocus>Continue</button>
</form>
<script nonce="${nonce}">document.getElementById('saml-post').submit();</script>
</body>
</html>`);
}
