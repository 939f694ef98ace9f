import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../../http/io.js';

/**
 * Answers with the OAuth 2.0 Form Post Response Mode page
 * (https://openid.net/specs/oauth-v2-form-post-response-mode-1_0.html §2): a form that posts
 * `fields` to `action` by itself, with a Continue button when scripts are off. The one inline
 * script is allowed by a per-response nonce, nothing else.
 */
export function sendFormPost(
  res: ServerResponse,
  action: string,
  fields: Record<string, string | undefined>,
): void {
  const nonce = randomBytes(16).toString('base64');
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'`,
    'referrer-policy': 'no-referrer',
  });
  res.end(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Signing you in…</title></head>
<body>
<form method="post" action="${escapeHtml(action)}">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script nonce="${nonce}">document.forms[0].submit();</script>
</body></html>`);
}
