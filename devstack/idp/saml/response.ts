import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { escapeHtml as escapeXml } from '../../http/io.js';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Which parts of a response carry an XML signature (SAML Core §5; Cognito accepts either). */
export type SignedParts = 'assertion' | 'response' | 'both' | 'none';

/** The signing key: the PKCS#8 PEM private key and the certificate whose metadata names it. */
export interface ResponseKey {
  privateKeyPem: string;
  certificatePem: string;
}

/** What one successful SAML response asserts. */
export interface AssertionInput {
  /** The IdP's entity id (`<Issuer>`). */
  issuer: string;
  /** The SP's assertion consumer service URL (`Destination`, `Recipient`). */
  destination: string;
  /** The SP's entity id (`<Audience>`). */
  audience: string;
  /** The AuthnRequest's ID, or none for IdP-initiated (unsolicited) sign-in. */
  inResponseTo?: string;
  /** The persistent NameID of the user. */
  nameId: string;
  /** Attribute name → value, released in an `<AttributeStatement>`. */
  attributes: Readonly<Record<string, string>>;
  /** When the response is issued (tests backdate it). */
  now: Date;
  /** How long the assertion may be used (`NotOnOrAfter`). */
  lifetimeMs?: number;
  /** Which parts to sign (default both, as most IdPs do). */
  sign?: SignedParts;
  /** Overrides the assertion ID (tests replay one). */
  assertionId?: string;
}

/** A fresh SAML ID: an NCName (starts with a letter or `_`), 160 random bits. */
export function samlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** Builds and signs (with xml-crypto, RSA-SHA256, exclusive C14N) one successful SAML 2.0 response. */
export function signedResponse(input: AssertionInput, key: ResponseKey): string {
  const issued = input.now.toISOString();
  const notOnOrAfter = new Date(input.now.getTime() + (input.lifetimeMs ?? 5 * 60_000)).toISOString();
  const inResponseTo =
    input.inResponseTo === undefined ? '' : ` InResponseTo="${escapeXml(input.inResponseTo)}"`;
  const attributes = Object.entries(input.attributes)
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>${escapeXml(value)}</saml:AttributeValue></saml:Attribute>`,
    )
    .join('');
  const assertion = `<saml:Assertion xmlns:saml="${ASSERTION}" ID="${input.assertionId ?? samlId()}" Version="2.0" IssueInstant="${issued}"><saml:Issuer>${escapeXml(input.issuer)}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escapeXml(input.nameId)}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(input.destination)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${issued}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${escapeXml(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${samlId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
  const response = envelope(
    input,
    issued,
    inResponseTo,
    `<samlp:Status><samlp:StatusCode Value="${STATUS_SUCCESS}"/></samlp:Status>${assertion}`,
  );
  const sign = input.sign ?? 'both';
  const assertionSigned =
    sign === 'assertion' || sign === 'both' ? signElement(response, 'Assertion', key) : response;
  return sign === 'response' || sign === 'both'
    ? signElement(assertionSigned, 'Response', key)
    : assertionSigned;
}

/**
 * An unsigned failure response: the user did not sign in (`Responder` / `AuthnFailed`, SAML Core
 * §3.2.2.2), e.g. they pressed Cancel at the IdP.
 */
export function failureResponse(
  input: Pick<AssertionInput, 'issuer' | 'destination' | 'inResponseTo' | 'now'>,
): string {
  const inResponseTo =
    input.inResponseTo === undefined ? '' : ` InResponseTo="${escapeXml(input.inResponseTo)}"`;
  return envelope(
    input,
    input.now.toISOString(),
    inResponseTo,
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode><samlp:StatusMessage>The user cancelled the sign-in</samlp:StatusMessage></samlp:Status>',
  );
}

function envelope(
  input: Pick<AssertionInput, 'issuer' | 'destination'>,
  issued: string,
  inResponseTo: string,
  body: string,
): string {
  return `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" ID="${samlId()}" Version="2.0" IssueInstant="${issued}" Destination="${escapeXml(input.destination)}"${inResponseTo}><saml:Issuer>${escapeXml(input.issuer)}</saml:Issuer>${body}</samlp:Response>`;
}

/** Signs the (only) element with this local name, placing `<ds:Signature>` right after its `<Issuer>` (SAML Core §5.4.1 schema order). */
function signElement(xml: string, localName: 'Assertion' | 'Response', key: ResponseKey): string {
  const element = `//*[local-name(.)='${localName}']`;
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.addReference({
    xpath: element,
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `${element}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signer.getSignedXml();
}
