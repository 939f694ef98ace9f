/**
 * Peer: the seed's way — Express + aws-jwt-verify + pg (or better-sqlite3), one query per request.
 * Run by the backend bench in its own process; never part of what ships.
 */
import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import express from 'express';
import { announce, openProfileStore, peerEnv } from './profileStore.js';

const env = peerEnv();
const store = openProfileStore(env.databaseUrl);
const verifier = JwtRsaVerifier.create({ issuer: env.issuer, audience: env.clientId, jwksUri: env.jwksUrl });
// aws-jwt-verify fetches JWKS over https only; the bench's issuer is plain-http loopback, so the
// keys are fetched once here and handed to its cache (what its docs offer for this case).
verifier.cacheJwks((await (await fetch(env.jwksUrl)).json()) as Jwks);

const app = express();
app.get('/v1/me', async (req, res) => {
  const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  let claims: Awaited<ReturnType<typeof verifier.verify>>;
  try {
    if (!token) throw new Error('no token');
    claims = await verifier.verify(token);
  } catch {
    res.status(401).json({ error: 'invalid_token' });
    return;
  }
  if (claims.token_use !== 'id' || claims.email_verified !== true || typeof claims.email !== 'string') {
    res.status(401).json({ error: 'invalid_token' });
    return;
  }
  const profile = await store.get(claims.email.toLowerCase());
  if (!profile) res.status(404).json({ error: 'profile_not_found' });
  else res.set('cache-control', 'no-store').json(profile);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  announce(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
