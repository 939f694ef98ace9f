import { describe, expect, it } from 'vitest';
import {
  renderAvatarSvg,
  renderErrorPage,
  renderSignInPage,
  SIGN_IN_TITLE,
} from '../../../fakeGoogle/interactionPage.js';
import { escapeHtml } from '../../../http/io.js';

const hostile = `"'><script>alert(1)</script>&amp;`;

describe('fake Google pages', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('renders the sign-in form the tests and the devstack rely on', () => {
    const html = renderSignInPage({
      loginAction: '/interaction/abc/login',
      abortAction: '/interaction/abc/abort',
      clientName: '127.0.0.1:9231',
    });
    expect(html).toContain(`<title>${escapeHtml(SIGN_IN_TITLE)}</title>`);
    expect(html).toMatch(/<form method="post" action="\/interaction\/abc\/login"/);
    expect(html).toMatch(/<input[^>]*name="email"/);
    expect(html).toMatch(
      /<input[^>]*name="password"[^>]*type="password"|<input[^>]*type="password"[^>]*name="password"/,
    );
    expect(html).toMatch(/formaction="\/interaction\/abc\/abort" formnovalidate>Cancel</);
    expect(html).toContain('>Next</button>');
    expect(html).toContain('to continue to 127.0.0.1:9231');
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('<script');
  });

  it("makes Next the form's first submit button, so Enter in the password field signs in", () => {
    const html = renderSignInPage({ loginAction: '/l', abortAction: '/a', clientName: 'x' });
    const firstSubmit = html.match(/<button type="submit"[^>]*>([^<]*)</)?.[1];
    expect(firstSubmit).toBe('Next');
  });

  it('escapes every value it echoes: email, error, client name, actions', () => {
    const html = renderSignInPage({
      loginAction: hostile,
      abortAction: hostile,
      clientName: hostile,
      email: hostile,
      error: hostile,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain(`"'>`);
    expect(html).toContain(escapeHtml(hostile));
    expect(html).toContain('role="alert"');
  });

  it('escapes the error page and the avatar initial', () => {
    const page = renderErrorPage(hostile, hostile);
    expect(page).not.toContain('<script>');
    expect(page).toContain(escapeHtml(hostile));
    const svg = renderAvatarSvg('<b>', 'x');
    expect(svg).toContain('>&lt;</text>');
    expect(renderAvatarSvg('ada', 'Lovelace')).toContain('>A</text>');
  });
});
