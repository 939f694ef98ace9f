import { type Profile, SAML, SamlStatusError, ValidateInResponseTo } from '@node-saml/node-saml';
import type { PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { readRedirectAuthnRequest } from '../idp/saml/authnRequest.js';
import { strictParser } from '../idp/saml/xml.js';
import { TtlMap } from '../store/ttlMap.js';
import type { FederatedIdp } from './federatedIdp.js';
import type { FederatedOutcome } from './oidcIdp.js';
import type { AuthorizeRequest } from './request.js';
import { type IdpMetadata, readIdpMetadata } from './samlMetadata.js';

/** How long a user may take at the IdP before the pool forgets the sign-in. */
const FLOW_TTL_MS = 10 * 60 * 1000;
/** How long an assertion ID is remembered against replay: longer than any assertion the pool accepts. */
const REPLAY_WINDOW_MS = 60 * 60 * 1000;
/** Cognito accepts SAML responses of up to 100,000 characters at `/saml2/idpresponse`. */
export const MAX_SAML_RESPONSE_CHARS = 100_000;

/** The pool's SAML service-provider entity id, as Cognito names it: `urn:amazon:cognito:sp:<poolId>`. */
export function spEntityId(poolId: string): string {
  return `urn:amazon:cognito:sp:${poolId}`;
}

/** Where the pool meets one SAML IdP. */
export interface SamlRegistration {
  /** The IdP's metadata (Cognito's `MetadataURL`). */
  metadataUrl: string;
  /** Overrides the definition's `IdpInitiated` (tests of the enabled path). */
  idpInitiated?: boolean;
}

/** A sign-in the pool started at the IdP: the app's authorize request and the AuthnRequest's ID. */
interface SamlFlow {
  request: AuthorizeRequest;
  requestId: string;
}

/**
 * The pool as the SAML 2.0 service provider of one IdP, as Cognito plays it
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp.html): entity id
 * `urn:amazon:cognito:sp:<poolId>`, AuthnRequest by HTTP-Redirect with an opaque RelayState, and the
 * response POSTed to `/saml2/idpresponse`, checked by @node-saml/node-saml (signature against the
 * metadata's certificates, audience, time window, InResponseTo) plus what it leaves to the SP
 * (destination and recipient, one use per assertion).
 */
export class SamlIdp implements FederatedIdp {
  private readonly flows = new TtlMap<SamlFlow>(FLOW_TTL_MS);
  private readonly seenAssertions = new TtlMap<true>(REPLAY_WINDOW_MS);
  private sp?: Promise<{ saml: SAML; metadata: IdpMetadata }>;

  constructor(
    /** The pool definition's entry for this provider (name, attribute mapping, `saml` switches). */
    readonly provider: PoolIdentityProvider,
    private readonly registration: SamlRegistration,
    /** The pool's SP entity id, `urn:amazon:cognito:sp:<poolId>`. */
    private readonly spEntityId: string,
    /** The pool's assertion consumer service, `<domain>/saml2/idpresponse`. */
    private readonly acsUrl: string,
  ) {}

  /** Whether the pool accepts unsolicited responses from this IdP (`IdpInitiated`). */
  get idpInitiated(): boolean {
    return this.registration.idpInitiated ?? this.provider.saml?.idpInitiated === true;
  }

  /** Where to send the browser: the IdP's SSO service with a fresh AuthnRequest and RelayState. */
  async authorizationUrl(request: AuthorizeRequest): Promise<string> {
    const { saml } = await this.load();
    // The RelayState is an opaque reference to the pool's own state, never the request itself.
    const relayState = this.flows.add({ request, requestId: '' });
    const url = await saml.getAuthorizeUrlAsync(relayState, undefined, {});
    const { id } = readRedirectAuthnRequest(new URL(url).searchParams.get('SAMLRequest') ?? '');
    this.flows.set(relayState, { request, requestId: id });
    return url;
  }

  /** SAML answers at `/saml2/idpresponse` (samlResponse.ts), never at the OAuth callback: no `state` here is ours. */
  async finish(): Promise<undefined> {
    return undefined;
  }

  /** The sign-in this RelayState refers to, once: undefined when unknown, spent or expired. */
  takeFlow(relayState: string): SamlFlow | undefined {
    return this.flows.take(relayState);
  }

  /**
   * Validates a response for `request`. `requestId` is the AuthnRequest it must answer; none for
   * an IdP-initiated sign-in, which must then answer no request at all.
   */
  async validate(
    samlResponse: string,
    request: AuthorizeRequest,
    requestId?: string,
  ): Promise<FederatedOutcome> {
    const fail = (description: string): FederatedOutcome => ({
      request,
      error: 'invalid_request',
      description,
    });
    if (samlResponse.length > MAX_SAML_RESPONSE_CHARS) return fail('SAML response is too long');
    let profile: Profile | null;
    try {
      const { saml } = await this.load();
      ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (err) {
      if (err instanceof SamlStatusError)
        return {
          request,
          error: 'access_denied',
          description: `${this.provider.name} did not sign the user in`,
        };
      return fail(`Invalid SAML response received: ${(err as Error).message}`);
    }
    if (profile === null || typeof profile.nameID !== 'string' || profile.nameID === '')
      return fail('Invalid SAML response received: no NameID');
    const checked = this.checkBinding(profile, requestId);
    if (checked !== undefined) return fail(`Invalid SAML response received: ${checked}`);
    const claims: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(profile.attributes ?? {})) {
      claims[name] = Array.isArray(value) ? value[0] : value;
    }
    return { request, provider: this.provider, claims: { ...claims, sub: profile.nameID } };
  }

  /** What node-saml leaves to the SP: the response's addressee, the request it answers, and replay. */
  private checkBinding(profile: Profile, requestId: string | undefined): string | undefined {
    const responseXml = profile.getSamlResponseXml?.();
    const assertionXml = profile.getAssertionXml?.();
    if (responseXml === undefined || assertionXml === undefined) return 'unreadable';
    const response = strictParser().parseFromString(responseXml, 'text/xml').documentElement;
    const assertion = strictParser().parseFromString(assertionXml, 'text/xml').documentElement;
    if (response === null || assertion === null) return 'unreadable';
    // SAML Core §3.2.2: a Destination, when present, must be where the response arrived.
    const destination = response.getAttribute('Destination');
    if (destination !== null && destination !== '' && destination !== this.acsUrl) return 'wrong Destination';
    // SAML Profiles §4.1.4.3: the bearer confirmation names the ACS as its Recipient.
    const confirmation = assertion.getElementsByTagNameNS(
      'urn:oasis:names:tc:SAML:2.0:assertion',
      'SubjectConfirmationData',
    )[0];
    if (confirmation?.getAttribute('Recipient') !== this.acsUrl) return 'wrong Recipient';
    const inResponseTo = response.getAttribute('InResponseTo') ?? '';
    if (requestId !== undefined && inResponseTo !== requestId)
      return 'InResponseTo does not match the request';
    if (requestId === undefined && inResponseTo !== '')
      return 'InResponseTo answers no request of this sign-in';
    // Cognito refuses an assertion ID it has seen before
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-things-to-know.html).
    const assertionId = assertion.getAttribute('ID') ?? '';
    if (assertionId === '' || this.seenAssertions.get(assertionId) !== undefined) return 'replayed assertion';
    this.seenAssertions.set(assertionId, true);
    return undefined;
  }

  /** Reads the IdP's metadata once (retried after a failure) and builds the SP around it. */
  private load(): Promise<{ saml: SAML; metadata: IdpMetadata }> {
    this.sp ??= fetch(this.registration.metadataUrl).then(async (res) => {
      if (!res.ok) throw new Error(`SAML metadata: HTTP ${res.status}`);
      const metadata = readIdpMetadata(await res.text());
      const saml = new SAML({
        entryPoint: metadata.ssoUrl,
        issuer: this.spEntityId,
        callbackUrl: this.acsUrl,
        audience: this.spEntityId,
        idpCert: metadata.certificates,
        idpIssuer: metadata.entityId,
        // Either the response or the assertion must carry a valid signature (node-saml refuses neither).
        wantAssertionsSigned: false,
        wantAuthnResponseSigned: false,
        // Solicited responses are matched to their request above; unsolicited ones carry no InResponseTo.
        validateInResponseTo: ValidateInResponseTo.ifPresent,
        requestIdExpirationPeriodMs: FLOW_TTL_MS,
        identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
        disableRequestedAuthnContext: true,
      });
      return { saml, metadata };
    });
    this.sp.catch(() => {
      this.sp = undefined;
    });
    return this.sp;
  }
}
