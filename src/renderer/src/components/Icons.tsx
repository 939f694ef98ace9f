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
