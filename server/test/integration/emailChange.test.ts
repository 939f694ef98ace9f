import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mail } from '../../mail/mailPort.js';
import { EMAIL_CHANGED_SUBJECT } from '../../mail/securityNotices.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

// A user's verified e-mail changed in Cognito: their profile follows them to the new address, and
// the old address is told once — no notice for anything that did not change.

let issuer: TestIssuer;
let server: TestServer;
const sent: Mail[] = [];
let mailWorks = true;

beforeAll(async () => {
  issuer = await startTestIssuer();
  server = await startTestServer(issuer, {
    mail: {
      send: async (mail) => {
        if (!mailWorks) throw new Error('mail provider down');
        sent.push(mail);
      },
    },
  });
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

const onboarding = { role: 'developer', interests: ['security'], newsletter: false };
let seq = 0;
function person(prefix: string) {
  seq += 1;
  return {
    username: `${prefix}_${seq}`,
    old: `${prefix}${seq}@example.com`,
    new: `${prefix}${seq}.new@example.com`,
  };
}
const token = (email: string, username: string) => issuer.idToken(email, { 'cognito:username': username });
const noticesTo = (to: string) => sent.filter((m) => m.to === to && m.subject === EMAIL_CHANGED_SUBJECT);

describe('GET /v1/me after the e-mail changed', () => {
  it('moves the profile to the new verified e-mail and tells the old address once', async () => {
    const p = person('mover');
    const put = await server.request('PUT', '/v1/me', {
      token: await token(p.old, p.username),
      body: { username: p.username, onboarding },
    });
    expect(put.status).toBe(201);
    // Reading with the old e-mail changes nothing and sends nothing.
    expect((await server.request('GET', '/v1/me', { token: await token(p.old, p.username) })).status).toBe(
      200,
    );
    expect(noticesTo(p.old)).toHaveLength(0);

    const moved = await server.request('GET', '/v1/me', { token: await token(p.new, p.username) });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ email: p.new, username: p.username, onboarding });
    expect(noticesTo(p.old)).toHaveLength(1);
    expect(noticesTo(p.old)[0]?.text).toContain('m***@example.com');

    expect((await server.request('GET', '/v1/me', { token: await token(p.new, p.username) })).status).toBe(
      200,
    );
    expect(noticesTo(p.old)).toHaveLength(1);
    // A token from before the change (it still names the old address) does not move the profile back.
    const stale = await issuer.idToken(p.old, {
      'cognito:username': p.username,
      iat: Math.floor(Date.now() / 1000) - 10,
    });
    expect((await server.request('GET', '/v1/me', { token: stale })).status).toBe(404);
    expect(noticesTo(p.new)).toHaveLength(0);
    const still = await server.request('GET', '/v1/me', { token: await token(p.new, p.username) });
    expect(still.body).toMatchObject({ email: p.new });
  });

  it('moves nothing for another user at an unknown address, and sends nothing', async () => {
    const p = person('owner');
    await server.request('PUT', '/v1/me', {
      token: await token(p.old, p.username),
      body: { username: p.username, onboarding },
    });
    const stranger = await server.request('GET', '/v1/me', { token: await token(p.new, 'someone_else') });
    expect(stranger.status).toBe(404);
    expect((await server.request('GET', '/v1/me', { token: await token(p.old, p.username) })).status).toBe(
      200,
    );
    expect(sent.filter((m) => m.to === p.old || m.to === p.new)).toHaveLength(0);
  });

  it('a mail provider that fails does not fail the move', async () => {
    const p = person('unmailed');
    await server.request('PUT', '/v1/me', {
      token: await token(p.old, p.username),
      body: { username: p.username, onboarding },
    });
    mailWorks = false;
    try {
      const moved = await server.request('GET', '/v1/me', { token: await token(p.new, p.username) });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ email: p.new });
    } finally {
      mailWorks = true;
    }
  });
});
