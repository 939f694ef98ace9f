/**
 * Strict parsing of the Hosted UI's redirect back into the app (`gatehouse://auth/callback?…`),
 * whether the OS delivered it as a deep link or the user pasted it. Anything that is not exactly
 * the configured redirect URI plus the parameters Cognito sends is rejected with a precise reason.
 */

import { MAX_REDIRECT_URL_LENGTH } from '../../../shared/ipc/contract';

/** What a well-formed redirect carries: an authorization code, or an authorization error. */
export type RedirectParams =
  | { kind: 'code'; code: string; state: string }
  | { kind: 'error'; error: string; errorDescription?: string; state: string };

/** Why a URL was rejected; logged (never the URL itself, which may carry a code). */
export type RedirectRejection =
  | 'too_long'
  | 'not_a_url'
  | 'wrong_scheme'
  | 'wrong_host'
  | 'wrong_path'
  | 'userinfo'
  | 'port'
  | 'fragment'
  | 'not_canonical'
  | 'duplicate_param'
  | 'unknown_param'
  | 'missing_param'
  | 'code_and_error'
  | 'bad_value';

/** The outcome of parsing: the parameters, or the reason for rejecting. */
export type RedirectParseResult =
  | { ok: true; params: RedirectParams }
  | { ok: false; reason: RedirectRejection };

// Cognito answers with code+state, or error+error_description+state; nothing else is expected.
const ALLOWED_PARAMS = new Set(['code', 'state', 'error', 'error_description']);

// RFC 6749 §A.11 (code: VSCHAR), §A.7 (error: NQSCHAR minus quote and backslash), bounded lengths.
const CODE = /^[\x20-\x7e]{1,1024}$/;
const STATE = /^[A-Za-z0-9_-]{1,256}$/;
const ERROR = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,128}$/;
const DESCRIPTION = /^[^\p{Cc}]{0,1024}$/u;

/**
 * Parses `input` against the expected redirect URI (e.g. `gatehouse://auth/callback`): same
 * scheme (case-insensitive), host and path exactly, no userinfo, port or fragment, each allowed
 * parameter at most once, no other parameter.
 */
export function parseRedirect(input: string, redirectUri: string): RedirectParseResult {
  if (input.length > MAX_REDIRECT_URL_LENGTH) return reject('too_long');
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return reject('not_a_url');
  }
  const expected = new URL(redirectUri);
  if (url.protocol !== expected.protocol) return reject('wrong_scheme');
  if (url.username || url.password || /^[^:]+:\/\/[^/?#]*@/.test(input)) return reject('userinfo');
  if (url.port || /^[^:]+:\/\/[^/?#]*:/.test(input)) return reject('port');
  if (url.hostname !== expected.hostname) return reject('wrong_host');
  if (url.pathname !== expected.pathname) return reject('wrong_path');
  if (input.includes('#')) return reject('fragment');
  // The parser normalises (dot segments, case, escapes); the raw text must already be canonical.
  const queryStart = input.indexOf('?');
  const base = queryStart === -1 ? input : input.slice(0, queryStart);
  if (base.toLowerCase() !== redirectUri.toLowerCase() || !base.endsWith(expected.host + expected.pathname)) {
    return reject('not_canonical');
  }
  const query = queryStart === -1 ? '' : input.slice(queryStart + 1);
  const values = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (!ALLOWED_PARAMS.has(name)) return reject('unknown_param');
    if (values.has(name)) return reject('duplicate_param');
    values.set(name, value);
  }
  return paramsFrom(values);
}

function paramsFrom(values: Map<string, string>): RedirectParseResult {
  const code = values.get('code');
  const state = values.get('state');
  const error = values.get('error');
  const description = values.get('error_description');
  if (state === undefined) return reject('missing_param');
  if (!STATE.test(state)) return reject('bad_value');
  if (code !== undefined && error !== undefined) return reject('code_and_error');
  if (code !== undefined) {
    if (description !== undefined) return reject('unknown_param');
    if (!CODE.test(code)) return reject('bad_value');
    return { ok: true, params: { kind: 'code', code, state } };
  }
  if (error === undefined) return reject('missing_param');
  if (!ERROR.test(error)) return reject('bad_value');
  if (description !== undefined && !DESCRIPTION.test(description)) return reject('bad_value');
  return {
    ok: true,
    params:
      description === undefined
        ? { kind: 'error', error, state }
        : { kind: 'error', error, errorDescription: description, state },
  };
}

function reject(reason: RedirectRejection): RedirectParseResult {
  return { ok: false, reason };
}
