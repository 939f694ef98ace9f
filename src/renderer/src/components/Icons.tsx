/** Small inline icons (SVG in the DOM, so the CSP needs no image source). All are decorative. */

import type { ReactNode } from 'react';

/** The outline of the Gatehouse shield. */
/** The shield outline of the logo (32×32 box); also drawn into the app icon by scripts/make-icons.ts. */
export const SHIELD = 'M16 2.5 4.5 7v8.2c0 7 4.9 12.6 11.5 14.3 6.6-1.7 11.5-7.3 11.5-14.3V7L16 2.5Z';
/** The gate inside the shield: an arch and its middle bar. */
export const GATE_ARCH = 'M11 22v-7a5 5 0 0 1 10 0v7';
export const GATE_BAR = 'M16 13v9';

/** The Gatehouse mark: a gate in a shield. */
export function LogoMark() {
  return (
    <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d={SHIELD} fill="currentColor" opacity="0.14" />
      <path d={SHIELD} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d={GATE_ARCH} fill="none" stroke="currentColor" strokeWidth="2" />
      <path d={GATE_BAR} stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

/** A check mark. */
export function CheckIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="m3.5 8.5 3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** An open circle (a checklist item not met yet). */
export function CircleIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/** A 20-unit ring with a mark drawn inside it: the banner and field-error icons. */
function Circled({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="1.75" />
      {children}
    </svg>
  );
}

/** An exclamation mark in a circle. */
export function AlertIcon() {
  return (
    <Circled>
      <path d="M10 5.5v5.5" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
      <circle cx="10" cy="14" r="1.1" fill="currentColor" />
    </Circled>
  );
}

/** An "i" in a circle. */
export function InfoIcon() {
  return (
    <Circled>
      <path d="M10 9v5.5" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
      <circle cx="10" cy="6" r="1.1" fill="currentColor" />
    </Circled>
  );
}

/** A check in a circle. */
export function SuccessIcon() {
  return (
    <Circled>
      <path
        d="m6.5 10.2 2.4 2.4 4.6-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
        strokeLinecap="round"
      />
    </Circled>
  );
}

/** The Google "G", in its four colours. */
export function GoogleIcon() {
  return (
    <svg className="icon google-icon" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <path
        fill="#4285F4"
        d="M17.64 9.2c0-.64-.06-1.25-.16-1.84H9v3.48h4.84a4.14 4.14 0 0 1-1.8 2.72v2.26h2.92c1.7-1.57 2.68-3.88 2.68-6.62Z"
      />
      <path
        fill="#34A853"
        d="M9 18c2.43 0 4.47-.8 5.96-2.18l-2.92-2.26c-.8.54-1.84.86-3.04.86-2.34 0-4.32-1.58-5.03-3.7H.96v2.33A9 9 0 0 0 9 18Z"
      />
      <path fill="#FBBC05" d="M3.97 10.72a5.4 5.4 0 0 1 0-3.44V4.95H.96a9 9 0 0 0 0 8.1l3.01-2.33Z" />
      <path
        fill="#EA4335"
        d="M9 3.58c1.32 0 2.5.45 3.44 1.35l2.58-2.58A9 9 0 0 0 .96 4.95l3.01 2.33C4.68 5.16 6.66 3.58 9 3.58Z"
      />
    </svg>
  );
}

/** A neutral "single sign-on" mark (a key) for OpenID Connect and SAML providers, which have no logo of ours to show. */
export function SsoIcon() {
  return (
    <svg className="icon sso-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="8" cy="12" r="4" fill="none" stroke="currentColor" strokeWidth="1.75" />
      <path
        d="M12 12h9m-3 0v3m-3-3v2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** A passkey mark (a fingerprint), for "Sign in with a passkey". */
export function PasskeyIcon() {
  return (
    <svg className="icon passkey-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M6.5 9.5a5.5 5.5 0 0 1 11 0v2M9 10a3 3 0 0 1 6 0v3.5c0 2-.6 3.9-1.7 5.5M12 10.5v3c0 2.6-.8 5-2.3 7M5.5 14c.4 2.3.1 4.3-.8 6M17.5 14.5c0 1.9-.3 3.7-.9 5.3"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** Facebook's "f" logo (https://about.meta.com/brand/resources/facebook/logo/), in the button's text colour (white on Facebook blue). */
export function FacebookIcon() {
  return (
    <svg className="icon brand-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M9.101 23.691v-7.98H6.627v-3.667h2.474v-1.58c0-4.085 1.848-5.978 5.858-5.978.401 0 .955.042 1.468.103a8.68 8.68 0 0 1 1.141.195v3.325a8.623 8.623 0 0 0-.653-.036 26.805 26.805 0 0 0-.733-.009c-.707 0-1.259.096-1.675.309a1.686 1.686 0 0 0-.679.622c-.258.42-.374.995-.374 1.752v1.297h3.919l-.386 2.103-.287 1.564h-3.246v8.245C19.396 23.238 24 18.179 24 12.044c0-6.627-5.373-12-12-12s-12 5.373-12 12c0 5.628 3.874 10.35 9.101 11.647Z"
      />
    </svg>
  );
}

/** Apple's logo, in the button's text colour (white on black, black on white), as the Human Interface Guidelines place it before the words. */
export function AppleIcon() {
  return (
    <svg className="icon brand-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12.152 6.896c-.948 0-2.415-1.078-3.96-1.04-2.04.027-3.91 1.183-4.961 3.014-2.117 3.675-.546 9.103 1.519 12.09 1.013 1.454 2.208 3.09 3.792 3.039 1.52-.065 2.09-.987 3.935-.987 1.831 0 2.35.987 3.96.948 1.637-.026 2.676-1.48 3.676-2.948 1.156-1.688 1.636-3.325 1.662-3.415-.039-.013-3.182-1.221-3.22-4.857-.026-3.04 2.48-4.494 2.597-4.559-1.429-2.09-3.623-2.324-4.39-2.376-2-.156-3.675 1.09-4.61 1.09zM15.53 3.83c.843-1.012 1.4-2.427 1.245-3.83-1.207.052-2.662.805-3.532 1.818-.78.896-1.454 2.338-1.273 3.714 1.338.104 2.715-.688 3.559-1.701"
      />
    </svg>
  );
}

/** Amazon's smile (the arrow from a to z), in the button's text colour on Amazon's gold. */
export function AmazonIcon() {
  return (
    <svg className="icon brand-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M3 14.5c5.2 3.6 12.4 3.8 17.5.4"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <path
        d="M17.2 13.6l3.6 1.2-1 3.6"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
