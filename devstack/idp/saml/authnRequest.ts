import { inflateRawSync } from 'node:zlib';
import { strictParser } from './xml.js';

/** What the IdP needs from an AuthnRequest: its ID (for InResponseTo), who asks, and where to answer. */
export interface AuthnRequestInfo {
  id: string;
  issuer: string;
  /** `AssertionConsumerServiceURL`, when the request names one. */
  acsUrl?: string;
}

/** An AuthnRequest the IdP cannot read. */
export class AuthnRequestError extends Error {
  override name = 'AuthnRequestError';
}

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';

/**
 * Decodes an AuthnRequest sent with the HTTP-Redirect binding: base64 of the DEFLATE-compressed XML
 * (SAML Bindings §3.4.4.1), then reads its ID, Issuer and ACS URL.
 */
export function readRedirectAuthnRequest(samlRequest: string): AuthnRequestInfo {
  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
  } catch {
    throw new AuthnRequestError('SAMLRequest is not DEFLATE-compressed base64');
  }
  let root: Element | null = null;
  try {
    root = strictParser().parseFromString(xml, 'text/xml').documentElement;
  } catch {
    root = null;
  }
  if (root === null || root.localName !== 'AuthnRequest' || root.namespaceURI !== PROTOCOL)
    throw new AuthnRequestError('SAMLRequest is not a SAML 2.0 AuthnRequest');
  const id = root.getAttribute('ID') ?? '';
  const issuer = root.getElementsByTagNameNS(ASSERTION, 'Issuer')[0]?.textContent?.trim() ?? '';
  if (id === '' || issuer === '') throw new AuthnRequestError('AuthnRequest lacks its ID or Issuer');
  const acsUrl = root.getAttribute('AssertionConsumerServiceURL');
  return { id, issuer, ...(acsUrl ? { acsUrl } : {}) };
}
