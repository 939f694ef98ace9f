import { escapeHtml } from '../http/io.js';

/** Title of the sign-in page; says "dev" so nobody mistakes it for the real provider. */
export function signInTitle(brandName: string): string {
  return `Sign in – ${brandName} Accounts (Gatehouse dev)`;
}

/** Title of the fake Google's sign-in page. */
export const SIGN_IN_TITLE = signInTitle('Google');

/**
 * Security headers for every page we render. No scripts at all; no `form-action`, because Chromium
 * applies it to the redirects that follow a form submission and those go to the relying party's origin.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f0f4f9;
  font-family:"Google Sans",Roboto,Arial,sans-serif;color:#1f1f1f}
main{width:100%;max-width:450px;background:#fff;border-radius:28px;padding:36px 40px 28px}
.logo{font-size:24px;font-weight:500;letter-spacing:-.5px}
.logo span:nth-child(1){color:#4285f4}.logo span:nth-child(2){color:#ea4335}.logo span:nth-child(3){color:#fbbc05}
.logo span:nth-child(4){color:#4285f4}.logo span:nth-child(5){color:#34a853}.logo span:nth-child(6){color:#ea4335}
h1{font-size:32px;font-weight:400;margin:16px 0 8px}
p.sub{margin:0 0 24px;font-size:16px}
label{display:block;font-size:14px;margin:16px 0 6px;color:#444746}
input{width:100%;font-size:16px;padding:13px 15px;border:1px solid #747775;border-radius:4px}
input:focus{outline:2px solid #0b57d0;border-color:#0b57d0}
.error{margin:16px 0 0;padding:10px 12px;border-radius:8px;background:#fce8e6;color:#b3261e;font-size:14px}
.actions{display:flex;flex-direction:row-reverse;justify-content:space-between;align-items:center;margin-top:32px}
button{font:inherit;font-size:14px;font-weight:500;border-radius:20px;padding:10px 24px;cursor:pointer;border:0}
button.primary{background:#0b57d0;color:#fff}
button.secondary{background:transparent;color:#0b57d0}
.dev{margin-top:24px;font-size:12px;color:#5f6368}
`;

/** Google's coloured letters for the fake Google; other brands show their name in plain text. */
function logo(brandName: string): string {
  if (brandName !== 'Google') return `<div class="logo" aria-hidden="true">${escapeHtml(brandName)}</div>`;
  return '<div class="logo" aria-hidden="true"><span>G</span><span>o</span><span>o</span><span>g</span><span>l</span><span>e</span></div>';
}

function layout(brandName: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${logo(brandName)}
${body}
<p class="dev">Gatehouse development stand-in for ${escapeHtml(brandName)}. Not affiliated with ${escapeHtml(brandName)}.</p>
</main>
</body>
</html>`;
}

/** What the sign-in page shows: where the form posts, who asks, and what to prefill or complain about. */
export interface SignInPageModel {
  /** Path the form posts to for a sign-in (`…/login`); Cancel posts to `…/abort`. */
  loginAction: string;
  abortAction: string;
  /** Name of the application asking (the client's name or id), shown as "to continue to …". */
  clientName: string;
  /** Who the page stands in for (default Google). */
  brandName?: string;
  email?: string;
  error?: string;
}

/**
 * The Google-like sign-in page: email, password, Next, and Cancel (which denies the request). Next
 * comes first in the form, so Enter in a field signs in (a form's first submit button is Enter's);
 * the row is reversed on screen to keep Cancel on the left.
 */
export function renderSignInPage(model: SignInPageModel): string {
  const error = model.error
    ? `<p class="error" role="alert" id="signin-error">${escapeHtml(model.error)}</p>`
    : '';
  // Autofocus the field the user has to fill next: the password once the email is known.
  const focusEmail = model.email ? '' : ' autofocus';
  const focusPassword = model.email ? ' autofocus' : '';
  const brandName = model.brandName ?? 'Google';
  return layout(
    brandName,
    signInTitle(brandName),
    `<h1>Sign in</h1>
<p class="sub">to continue to ${escapeHtml(model.clientName)}</p>
<form method="post" action="${escapeHtml(model.loginAction)}" autocomplete="on">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(model.email ?? '')}"${focusEmail}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${focusPassword}>
${error}
<div class="actions">
<button type="submit" class="primary">Next</button>
<button type="submit" class="secondary" name="cancel" value="1" formaction="${escapeHtml(model.abortAction)}" formnovalidate>Cancel</button>
</div>
</form>`,
  );
}

/** A plain error page (unknown client, expired sign-in, …) with the OAuth error code and its description. */
export function renderErrorPage(brandName: string, error: string, description?: string): string {
  return layout(
    brandName,
    `Error – ${brandName} Accounts (Gatehouse dev)`,
    `<h1>Something went wrong</h1>
<p class="error" role="alert"><strong>${escapeHtml(error)}</strong>${description ? `: ${escapeHtml(description)}` : ''}</p>`,
  );
}

/** A round avatar with the person's initial, served as the `picture` claim when an account has none. */
export function renderAvatarSvg(givenName: string, familyName: string): string {
  const initial = (givenName.trim()[0] ?? familyName.trim()[0] ?? '?').toUpperCase();
  // A stable colour per name, so two seeded users do not look alike.
  const palette = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83'];
  let hash = 0;
  for (const ch of `${givenName} ${familyName}`) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const colour = palette[hash % palette.length];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="${colour}"/><text x="48" y="62" font-family="Arial,sans-serif" font-size="44" fill="#fff" text-anchor="middle">${escapeHtml(initial)}</text></svg>`;
}
