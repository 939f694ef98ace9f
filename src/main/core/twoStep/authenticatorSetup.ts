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
  /** `otpauth://totp/Gatehouse:<account> (<name>)?secret=…&issuer=Gatehouse` */
  uri: string;
  /** The URI as a QR code: an SVG data URL (dark modules, transparent background: show it on white). */
  qrDataUrl: string;
  /** The secret in groups of four (`ABCD EFGH …`), easier to read and type. */
  groupedSecret: string;
}

/**
 * The account part of the label: apps show the issuer as the title and this line under it
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format), so the authenticator's name
 * goes here, after the account, where a user with several synced copies can tell them apart.
 */
export function accountLabel(account: string, authenticatorName?: string): string {
  const name = authenticatorName?.trim();
  return name ? `${account} (${name})` : account;
}

/**
 * The `otpauth://totp/` URI for a base32 secret; the label is `issuer:account (name)`, both parts
 * percent-encoded. The issuer stays the bare `Gatehouse`, equal to the `issuer` parameter as the format asks.
 */
export function otpauthUri(account: string, secret: string, authenticatorName?: string): string {
  const label = `${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(accountLabel(account, authenticatorName))}`;
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

/** Everything the setup screen shows for one secret, labelled with the authenticator's name when given. */
export function authenticatorSetup(
  account: string,
  secret: string,
  authenticatorName?: string,
): AuthenticatorSetup {
  const uri = otpauthUri(account, secret, authenticatorName);
  return { uri, qrDataUrl: qrSvgDataUrl(uri), groupedSecret: groupSecret(secret) };
}
