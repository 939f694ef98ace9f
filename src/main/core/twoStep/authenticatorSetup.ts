/**
 * What the user needs to add Gatehouse to an authenticator app: the `otpauth://` URI (Google
 * Authenticator's Key Uri Format, which every common app reads), the same URI as a QR code, and
 * the secret in groups of four for typing by hand. Built in main so the renderer only shows it.
 */
import { encodeQR } from 'qr';

/** The issuer authenticator apps show above the code. */
export const TOTP_ISSUER = 'Gatehouse';

/** The three ways to hand a new TOTP secret to an authenticator app. */
export interface AuthenticatorSetup {
  /** `otpauth://totp/Gatehouse:<account>?secret=…&issuer=Gatehouse` */
  uri: string;
  /** The URI as a QR code: an SVG data URL (dark modules, transparent background: show it on white). */
  qrDataUrl: string;
  /** The secret in groups of four (`ABCD EFGH …`), easier to read and type. */
  groupedSecret: string;
}

/** The `otpauth://totp/` URI for a base32 secret; the label is `issuer:account`, both percent-encoded. */
export function otpauthUri(account: string, secret: string): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({ secret, issuer: TOTP_ISSUER });
  return `otpauth://totp/${label}?${query}`;
}

/** The secret in groups of four characters separated by spaces. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/** A QR code of `text` as an `image/svg+xml` data URL (medium error correction, 2-module quiet zone). */
export function qrSvgDataUrl(text: string): string {
  const svg = encodeQR(text, 'svg', { ecc: 'medium', border: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** Everything the setup screen shows for one secret. */
export function authenticatorSetup(account: string, secret: string): AuthenticatorSetup {
  const uri = otpauthUri(account, secret);
  return { uri, qrDataUrl: qrSvgDataUrl(uri), groupedSecret: groupSecret(secret) };
}
