import { escapeHtml } from '../http/io.js';
import type { MailItem } from './mailbox.js';

/** True when the client prefers a page to JSON: a browser's `Accept` names text/html, fetch()'s does not. */
export function wantsHtml(accept: string | undefined): boolean {
  return /\btext\/html\b/i.test(accept ?? '');
}

/** The dev mailbox as a page a person reads in a browser: newest first, the code large. */
export function mailboxPage(items: MailItem[], to: string | undefined): string {
  const rows = items
    .map(
      (item) => `<article>
  <h2>${escapeHtml(item.subject)}${item.code === '' ? '' : ` <code>${escapeHtml(item.code)}</code>`}</h2>
  <p class="meta">to ${escapeHtml(item.to)} · ${escapeHtml(item.sentAt)}</p>
  <p>${escapeHtml(item.body)}</p>
</article>`,
    )
    .join('\n');
  const scope = to === undefined ? 'all addresses' : escapeHtml(to);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Dev mailbox — Gatehouse devstack</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  article { border: 1px solid #8884; border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
  h2 { font-size: 1rem; margin: 0; } code { font-size: 1.25rem; margin-left: 0.5rem; letter-spacing: 0.1em; }
  .meta { color: #888; font-size: 0.85rem; margin: 0.25rem 0; }
</style>
</head>
<body>
<h1>Dev mailbox</h1>
<p>What Cognito would have e-mailed (${scope}), newest first. Reload to see new mail. The same URL
answers JSON to programs; <code>?to=&lt;email&gt;</code> shows one address.</p>
${rows || '<p>No mail yet.</p>'}
</body>
</html>
`;
}
