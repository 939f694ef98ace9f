import { escapeHtml } from '../http/io.js';
import type { MailItem } from './mailbox.js';
import type { SmsItem } from './outbox.js';

/** True when the client prefers a page to JSON: a browser's `Accept` names text/html, fetch()'s does not. */
export function wantsHtml(accept: string | undefined): boolean {
  return /\btext\/html\b/i.test(accept ?? '');
}

/** One message as the dev pages show it. */
interface ShownMessage {
  heading: string;
  code: string;
  to: string;
  sentAt: string;
  body: string;
}

/** A page of sent messages a person reads in a browser: newest first, the code large. */
function messagesPage(opts: {
  title: string;
  what: string;
  filter: string;
  items: ShownMessage[];
  to: string | undefined;
}): string {
  const rows = opts.items
    .map(
      (item) => `<article>
  <h2>${escapeHtml(item.heading)}${item.code === '' ? '' : ` <code>${escapeHtml(item.code)}</code>`}</h2>
  <p class="meta">to ${escapeHtml(item.to)} · ${escapeHtml(item.sentAt)}</p>
  <p>${escapeHtml(item.body)}</p>
</article>`,
    )
    .join('\n');
  const scope = opts.to === undefined ? 'everyone' : escapeHtml(opts.to);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(opts.title)} — Gatehouse devstack</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  article { border: 1px solid #8884; border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
  h2 { font-size: 1rem; margin: 0; } code { font-size: 1.25rem; margin-left: 0.5rem; letter-spacing: 0.1em; }
  .meta { color: #888; font-size: 0.85rem; margin: 0.25rem 0; }
</style>
</head>
<body>
<h1>${escapeHtml(opts.title)}</h1>
<p>What Cognito would have ${escapeHtml(opts.what)} (${scope}), newest first. Reload to see new messages. The same URL
answers JSON to programs; <code>?to=${escapeHtml(opts.filter)}</code> shows one recipient.</p>
${rows || '<p>Nothing sent yet.</p>'}
</body>
</html>
`;
}

/** The dev mailbox as a page. */
export function mailboxPage(items: MailItem[], to: string | undefined): string {
  return messagesPage({
    title: 'Dev mailbox',
    what: 'e-mailed',
    filter: '<email>',
    to,
    items: items.map((m) => ({ heading: m.subject, code: m.code, to: m.to, sentAt: m.sentAt, body: m.body })),
  });
}

/** The dev SMS outbox as a page. */
export function outboxPage(items: SmsItem[], to: string | undefined): string {
  return messagesPage({
    title: 'Dev SMS outbox',
    what: 'texted',
    filter: '<+phone>',
    to,
    items: items.map((m) => ({
      heading: 'Text message',
      code: m.code,
      to: m.to,
      sentAt: m.sentAt,
      body: m.body,
    })),
  });
}
