/**
 * Peer: the lean way — Fastify + jose (createRemoteJWKSet + jwtVerify) + pg (or better-sqlite3), one
 * query per request. Run by the backend bench in its own process; never part of what ships.
 */
import Fastify from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { announce, openProfileStore, peerEnv } from './profileStore.js';

const env = peerEnv();
const store = openProfileStore(env.databaseUrl);
const keys = createRemoteJWKSet(new URL(env.jwksUrl));

const app = Fastify();
app.get('/v1/me', async (request, reply) => {
  const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  let email: unknown;
  try {
    if (!token) throw new Error('no token');
    const { payload } = await jwtVerify(token, keys, {
      issuer: env.issuer,
      audience: env.clientId,
      algorithms: ['RS256'],
    });
    if (payload.token_use !== 'id' || payload.email_verified !== true) throw new Error('not an ID token');
    email = payload.email;
  } catch {
    return reply.code(401).send({ error: 'invalid_token' });
  }
  if (typeof email !== 'string') return reply.code(401).send({ error: 'invalid_token' });
  const profile = await store.get(email.toLowerCase());
  if (!profile) return reply.code(404).send({ error: 'profile_not_found' });
  return reply.header('cache-control', 'no-store').send(profile);
});
announce(await app.listen({ host: '127.0.0.1', port: 0 }));
