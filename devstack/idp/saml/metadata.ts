import { escapeHtml as escapeXml } from '../../http/io.js';

/** Where the IdP is and how it signs: what its metadata publishes. */
export interface IdpMetadataInput {
  entityId: string;
  /** The single sign-on service (HTTP-Redirect binding). */
  ssoUrl: string;
  /** The signing certificate's DER as base64. */
  certificateBase64: string;
}

/**
 * The IdP's SAML 2.0 metadata (SAML Metadata §2.4.3): entity id, signing certificate and SSO
 * endpoint. Cognito reads exactly these from a provider's `MetadataURL` or `MetadataFile`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp.html).
 * No SingleLogoutService: the pool's default sign-out does not involve the IdP.
 */
export function idpMetadataXml(input: IdpMetadataInput): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(input.entityId)}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${input.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(input.ssoUrl)}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}
