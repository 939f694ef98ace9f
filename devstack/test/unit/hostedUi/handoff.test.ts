import { describe, expect, it } from 'vitest';
import { handoffOutcome, readHandoffPage, renderHandoffPage } from '../../../hostedUi/handoff.js';

const visibleText = (html: string) =>
  html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('Hosted UI hand-off page', () => {
  it.each([
    ['gatehouse://auth/callback?code=abc-123&state=s', 'signed-in', 'You are signed in'],
    ['gatehouse://auth/callback?error=access_denied&state=s', 'cancelled', 'Sign-in cancelled'],
    [
      'gatehouse://auth/callback?error=server_error&error_description=x&state=s',
      'error',
      'Sign-in did not complete',
    ],
    ['gatehouse://auth/signed-out', 'signed-out', 'You are signed out'],
  ] as const)('%s → %s, in words, with the link only in markup', (link, outcome, title) => {
    expect(handoffOutcome(link)).toBe(outcome);
    const html = renderHandoffPage(link);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain('<meta http-equiv="refresh" content="0;url=gatehouse://');
    expect(visibleText(html)).not.toMatch(/gatehouse:|abc-123|state=/);
  });

  it('escapes the link it follows', () => {
    const html = renderHandoffPage('gatehouse://auth/callback?code="><script>x</script>&state=s');
    expect(html).not.toContain('<script>');
  });

  it('reads back the exact link it renders, and the page without its refresh', () => {
    const link = 'gatehouse://auth/callback?code="a&b<c>\'d&state=s';
    const handoff = readHandoffPage(renderHandoffPage(link));
    expect(handoff?.link).toBe(link);
    expect(handoff?.page).not.toContain('http-equiv="refresh"');
    expect(handoff?.page).toContain('You are signed in');
    expect(readHandoffPage('<!doctype html><p>no refresh</p>')).toBeUndefined();
  });
});
