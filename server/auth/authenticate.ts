/**
 * The Fastify `onRequest` hook that turns `Authorization: Bearer <ID token>` into
 * `request.principal`, or answers 401 with the RFC 6750 `WWW-Authenticate` challenge.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/problem.js';
import { JwksUnavailableError } from './jwks.js';
import { cognitoUnavailable } from './userPoolCall.js';
import { type IdTokenVerifier, type Principal, TokenRejectedError } from './verifyIdToken.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook on every `/v1` request that reaches a handler. */
    principal?: Principal;
  }
}

/** RFC 6750 §2.1: the scheme (any case), blanks, the token, optional trailing blanks. */
const BEARER = /^Bearer[ \t]+([^ \t]+)[ \t]*$/i;

/** Extracts the bearer token; `undefined` when the header is absent or not a Bearer credential. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
}

function challenge(error: 'invalid_request' | 'invalid_token', description: string): Record<string, string> {
  return { 'www-authenticate': `Bearer error="${error}", error_description="${description}"` };
}

function missingToken(): ApiError {
  return new ApiError('missing_token', 'Send the Cognito ID token as "Authorization: Bearer <token>".', {
    headers: challenge('invalid_request', 'bearer token required'),
  });
}

function rejected(request: FastifyRequest, error: unknown): ApiError {
  if (error instanceof JwksUnavailableError) {
    request.log.error({ err: error }, 'cannot verify tokens: JWKS unavailable');
    return cognitoUnavailable('Token verification is temporarily unavailable.');
  }
  const rejection = error instanceof TokenRejectedError ? error : undefined;
  request.log.info({ reason: rejection?.reason ?? 'unexpected' }, 'token rejected');
  const expired = rejection?.kind === 'expired';
  return new ApiError('invalid_token', expired ? 'The ID token has expired.' : 'The ID token is invalid.', {
    headers: challenge('invalid_token', expired ? 'token expired' : 'token invalid'),
  });
}

/** Builds the hook: a verified principal with a verified email on the request, or the ApiError thrown. */
export function createAuthenticateHook(verify: IdTokenVerifier) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw missingToken();
    let principal: Principal;
    try {
      principal = await verify(token);
    } catch (error) {
      throw rejected(request, error);
    }
    // Every profile route needs a verified email, since the email is the profile key: an
    // unverified address would let anyone claim someone else's profile.
    if (!principal.emailVerified) {
      throw new ApiError('email_not_verified', 'Verify your email address before using your profile.', {
        headers: challenge('invalid_token', 'email not verified'),
      });
    }
    request.principal = principal;
  };
}
