import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CognitoException } from './errors.js';

/**
 * Checks an AWS Signature Version 4 `Authorization` header, as AWS does for IAM-authorized calls
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
 * rebuild the canonical request from what arrived, derive the signing key from the secret, compare.
 * Only the devstack's one per-run key pair is known.
 */

/** The access key pair the devstack accepts for IAM-authorized targets. */
export interface AdminCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The request as it arrived: method, path and query, headers, raw body. */
export interface SignedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'cognito-idp';
/** AWS refuses a signature whose X-Amz-Date is more than 15 minutes from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ');
}

/** `YYYYMMDD'T'HHMMSS'Z'` → epoch ms, or undefined. */
function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** AWS's refusals (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html). */
const refuse = {
  missing: () =>
    new CognitoException('MissingAuthenticationTokenException', 'Missing Authentication Token', 403),
  unknownKey: () =>
    new CognitoException(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403,
    ),
  signature: (why: string) => new CognitoException('InvalidSignatureException', why, 403),
};

/**
 * Verifies the request's SigV4 signature against `credentials` for `region`; throws AWS's
 * exception when it is missing, names another key, is stale, or does not match.
 */
export function verifySigV4(
  request: SignedRequest,
  credentials: AdminCredentials,
  region: string,
  now: number = Date.now(),
): void {
  const header = headerValue(request.headers, 'authorization');
  if (header === undefined || !header.startsWith(ALGORITHM)) throw refuse.missing();
  const m = AUTHORIZATION.exec(header);
  if (m === null)
    throw refuse.signature('Authorization header requires Credential, SignedHeaders and Signature.');
  const [, keyId, day, scopeRegion, service, signedHeaderList, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (keyId !== credentials.accessKeyId) throw refuse.unknownKey();
  const signedHeaders = signedHeaderList.split(';');
  // The target and the moment must be signed, or a signature could be replayed on another operation.
  for (const needed of ['host', 'x-amz-date', 'x-amz-target']) {
    if (!signedHeaders.includes(needed)) throw refuse.signature(`Header ${needed} must be signed.`);
  }
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  const at = parseAmzDate(amzDate);
  if (at === undefined || !amzDate.startsWith(day) || Math.abs(now - at) > MAX_SKEW_MS) {
    throw refuse.signature('Signature expired or X-Amz-Date is not valid.');
  }
  if (scopeRegion !== region || service !== SERVICE) {
    throw refuse.signature(`Credential should be scoped to region ${region} and service ${SERVICE}.`);
  }
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${headerValue(request.headers, name) ?? ''}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    request.url.pathname.split('/').map(uriEncode).join('/') || '/',
    canonicalQuery(request.url),
    canonicalHeaders,
    signedHeaderList,
    sha256(request.body),
  ].join('\n');
  const scope = `${day}/${region}/${SERVICE}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), SERVICE),
    'aws4_request',
  );
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  if (!timingSafeEqual(expected, Buffer.from(signature))) {
    throw refuse.signature('The request signature we calculated does not match the signature you provided.');
  }
}
