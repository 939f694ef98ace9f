import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AWS_DOCS, confirmedUser, describeStack, PASSWORD } from './support.js';

/**
 * The devstack's tokens as aws-jwt-verify (AWS's own library) judges them. `CognitoJwtVerifier`
 * hard-codes the AWS issuer, so `JwtRsaVerifier` is given the devstack's issuer and JWKS, with
 * `validateCognitoJwtFields` (the check CognitoJwtVerifier runs) as its custom check. Its JWKS
 * fetcher speaks HTTPS only, so the JWKS is fetched here and handed to the verifier's cache.
 */

const held = describeStack({});
let tokens: { IdToken: string; AccessToken: string };
let jwks: Jwks;

beforeAll(async () => {
  const { username } = await confirmedUser(held.client, held.stack, 'jwt', 'Jay');
  const { AuthenticationResult } = await held.client.send(
    new InitiateAuthCommand({
      ClientId: held.stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
  tokens = {
    IdToken: String(AuthenticationResult?.IdToken),
    AccessToken: String(AuthenticationResult?.AccessToken),
  };
  jwks = (await (await fetch(`${held.stack.issuer}/.well-known/jwks.json`)).json()) as Jwks;
});

function verifier(tokenUse: 'id' | 'access') {
  const v = JwtRsaVerifier.create({
    issuer: held.stack.issuer,
    jwksUri: `${held.stack.issuer}/.well-known/jwks.json`,
    // ID tokens carry the client id in `aud`; access tokens in `client_id` (checked below instead).
    audience: tokenUse === 'id' ? held.stack.clientId : null,
    customJwtCheck: ({ payload }) =>
      validateCognitoJwtFields(payload, { tokenUse, clientId: held.stack.clientId }),
  });
  v.cacheJwks(jwks);
  return v;
}

describe('aws-jwt-verify', () => {
  it('the JWKS has two RS256 keys with distinct kids; ID and access tokens use different ones', () => {
    // "Amazon Cognito might use more than one key … the kid in the header" (verifying a JWT).
    expect(jwks.keys, AWS_DOCS.verifyingJwt).toHaveLength(2);
    const kids = jwks.keys.map((key) => key.kid);
    expect(new Set(kids).size, AWS_DOCS.verifyingJwt).toBe(2);
    for (const key of jwks.keys)
      expect({ kty: key.kty, alg: key.alg, use: key.use }, AWS_DOCS.verifyingJwt).toEqual({
        kty: 'RSA',
        alg: 'RS256',
        use: 'sig',
      });
    const idKid = decodeProtectedHeader(tokens.IdToken).kid;
    const accessKid = decodeProtectedHeader(tokens.AccessToken).kid;
    expect(kids, AWS_DOCS.verifyingJwt).toContain(idKid);
    expect(kids, AWS_DOCS.verifyingJwt).toContain(accessKid);
    expect(idKid, AWS_DOCS.verifyingJwt).not.toBe(accessKid);
  });

  it('verifies the ID token: signature, iss, aud, exp, token_use "id"', async () => {
    const payload = await verifier('id').verify(tokens.IdToken);
    expect(payload.token_use, AWS_DOCS.idToken).toBe('id');
    expect(payload.aud, AWS_DOCS.idToken).toBe(held.stack.clientId);
    expect(payload.iss, AWS_DOCS.idToken).toBe(held.stack.issuer);
  });

  it('verifies the access token: signature, iss, exp, token_use "access", client_id, the admin scope', async () => {
    const payload = await verifier('access').verify(tokens.AccessToken);
    expect(payload.token_use, AWS_DOCS.accessToken).toBe('access');
    expect(payload.client_id, AWS_DOCS.accessToken).toBe(held.stack.clientId);
    // API sign-in tokens carry aws.cognito.signin.user.admin (access token page: the scope claim).
    expect(String(payload.scope).split(' '), AWS_DOCS.accessToken).toContain('aws.cognito.signin.user.admin');
  });

  it('refuses a token used as the other kind (token_use is checked)', async () => {
    await expect(verifier('id').verify(tokens.AccessToken), AWS_DOCS.verifyingJwt).rejects.toThrow();
    await expect(verifier('access').verify(tokens.IdToken), AWS_DOCS.verifyingJwt).rejects.toThrow();
  });

  it('refuses a token whose signature does not match (one byte of the payload changed)', async () => {
    const [header, payload, signature] = tokens.IdToken.split('.');
    const claims = { ...decodeJwt(tokens.IdToken), email: 'mallory@example.test' };
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    expect(payload).not.toBe(forged.split('.')[1]);
    await expect(verifier('id').verify(forged), AWS_DOCS.verifyingJwt).rejects.toThrow();
  });
});
