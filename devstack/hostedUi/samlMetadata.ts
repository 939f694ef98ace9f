import { strictParser } from '../idp/saml/xml.js';

/** What the pool takes from a SAML IdP's metadata. */
export interface IdpMetadata {
  entityId: string;
  /** The single sign-on service for the HTTP-Redirect binding. */
  ssoUrl: string;
  /** Every signing certificate (base64 DER): a response signed by any of them is accepted. */
  certificates: string[];
}

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** IdP metadata the pool cannot use (not metadata, no signing certificate, no redirect SSO endpoint). */
export class IdpMetadataError extends Error {
  override name = 'IdpMetadataError';
}

/**
 * Reads IdP metadata (SAML Metadata §2.4.3). Like Cognito, every signing certificate counts
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-things-to-know.html):
 * key descriptors marked `use="signing"` or unmarked.
 */
export function readIdpMetadata(xml: string): IdpMetadata {
  const root = strictParser().parseFromString(xml, 'text/xml').documentElement;
  if (root === null || root.localName !== 'EntityDescriptor' || root.namespaceURI !== MD)
    throw new IdpMetadataError('not SAML 2.0 metadata (no md:EntityDescriptor)');
  const idp = root.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0];
  if (idp === undefined) throw new IdpMetadataError('metadata describes no identity provider');
  const certificates: string[] = [];
  for (const descriptor of Array.from(idp.getElementsByTagNameNS(MD, 'KeyDescriptor'))) {
    const use = descriptor.getAttribute('use');
    if (use !== null && use !== '' && use !== 'signing') continue;
    for (const cert of Array.from(descriptor.getElementsByTagNameNS(DS, 'X509Certificate'))) {
      const text = (cert.textContent ?? '').replace(/\s+/g, '');
      if (text !== '') certificates.push(text);
    }
  }
  if (certificates.length === 0) throw new IdpMetadataError('metadata has no signing certificate');
  const sso = Array.from(idp.getElementsByTagNameNS(MD, 'SingleSignOnService')).find(
    (service) => service.getAttribute('Binding') === REDIRECT,
  );
  const ssoUrl = sso?.getAttribute('Location') ?? '';
  if (ssoUrl === '') throw new IdpMetadataError('metadata has no HTTP-Redirect SingleSignOnService');
  return { entityId: root.getAttribute('entityID') ?? '', ssoUrl, certificates };
}
