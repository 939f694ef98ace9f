/**
 * Refuses a compact JWS whose signature segment is not the canonical base64url spelling of its
 * bytes. Base64url's last character carries spare bits and decoders ignore them (and skip stray
 * characters), so one genuine signature has many spellings that all verify; the verified-token
 * cache and any deny-list key on the exact token, which only means something if a token has one
 * spelling. Checked in the verification step itself, before the signature is.
 */

/** True when the token's third segment re-encodes to itself as unpadded base64url. */
export function hasCanonicalSignature(token: string): boolean {
  const dot = token.lastIndexOf('.');
  if (dot === -1) return false;
  const signature = token.slice(dot + 1);
  return Buffer.from(signature, 'base64url').toString('base64url') === signature;
}
