import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_HEADER } from '../../../src/shared/backendApi.js';
import type { RememberedDevice } from '../../auth/cognitoDevices.js';
import type { CognitoAccount } from '../../auth/cognitoUser.js';
import { ApiError } from '../../http/problem.js';
import type { Mail } from '../../mail/mailPort.js';
import {
  NEW_DEVICE_SUBJECT,
  PASSWORD_CHANGED_SUBJECT,
  TWO_STEP_OFF_SUBJECT,
  TWO_STEP_ON_SUBJECT,
} from '../../mail/securityNotices.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

// The security notices: mailed to the account's own verified address after the backend has seen
// the change; a change that did not happen (a repeated report, a false one, another user's token)
// sends nothing. Cognito's GetUser is stood in for by `accounts` (access token → what GetUser
// says); the app-to-devstack path is the e2e spec tests/e2e/30-security-mails.spec.ts.

let issuer: TestIssuer;
let server: TestServer;
const sent: Mail[] = [];
const accounts = new Map<string, CognitoAccount>();
/** What ListDevices says (remembered devices only) per access token. */
const devices = new Map<string, RememberedDevice[]>();

beforeAll(async () => {
  issuer = await startTestIssuer();
  server = await startTestServer(issuer, {
    mail: { send: async (mail) => void sent.push(mail) },
    readAccount: async (accessToken) => {
      const account = accounts.get(accessToken);
      if (account === undefined) throw new ApiError('invalid_token', 'refused');
      return account;
    },
    listDevices: async (accessToken) => devices.get(accessToken) ?? [],
  });
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

const onboarding = { role: 'developer', interests: ['security'], newsletter: false };
let seq = 0;
/** A user with a profile, and a way to say what Cognito reports about their two-step verification. */
async function person(prefix: string) {
  seq += 1;
  const username = `${prefix}_${seq}`;
  const email = `${prefix}${seq}@example.com`;
  const token = await issuer.idToken(email, { 'cognito:username': username });
  const put = await server.request('PUT', '/v1/me', { token, body: { username, onboarding } });
  expect(put.status).toBe(201);
  const accessToken = `access-${username}`;
  const cognitoSays = (on: boolean) =>
    accounts.set(accessToken, { username, mfa: on ? ['SOFTWARE_TOKEN_MFA'] : [] });
  cognitoSays(false);
  const sync = (body: object = {}, access = accessToken) =>
    server.request('PUT', '/v1/me/two-step', { token, body, headers: { [ACCESS_TOKEN_HEADER]: access } });
  const mails = (subject: string) => sent.filter((m) => m.to === email && m.subject === subject);
  return { username, email, token, accessToken, cognitoSays, sync, mails };
}

describe('PUT /v1/me/two-step', () => {
  it('mails once when Cognito says two-step turned on, once when off; stores the authenticator name meanwhile', async () => {
    const p = await person('totp');
    // Nothing changed yet: nothing to tell.
    expect((await p.sync()).status).toBe(200);
    expect(p.mails(TWO_STEP_ON_SUBJECT)).toHaveLength(0);

    p.cognitoSays(true);
    const on = await p.sync({ authenticatorName: 'Pixel phone' });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ email: p.email, authenticatorName: 'Pixel phone' });
    expect(p.mails(TWO_STEP_ON_SUBJECT)).toHaveLength(1);
    expect(p.mails(TWO_STEP_ON_SUBJECT)[0]?.text).toMatch(/turned on.*If you did not make this change/);
    // Said again: the state is what was recorded, so no second mail.
    await p.sync({ authenticatorName: 'Pixel phone' });
    expect(p.mails(TWO_STEP_ON_SUBJECT)).toHaveLength(1);
    // The profile read shows the name too.
    expect((await server.request('GET', '/v1/me', { token: p.token })).body).toMatchObject({
      authenticatorName: 'Pixel phone',
    });

    p.cognitoSays(false);
    const off = await p.sync();
    expect(off.body).not.toHaveProperty('authenticatorName');
    expect(p.mails(TWO_STEP_OFF_SUBJECT)).toHaveLength(1);
  });

  it('a report that does not match Cognito sends nothing: the backend reads the state itself', async () => {
    const p = await person('liar');
    // The app cannot claim a state: only the name is in the body, anything else is refused.
    const claim = await p.sync({ on: true });
    expect(claim.status).toBe(400);
    expect((await p.sync()).status).toBe(200);
    expect(sent.filter((m) => m.to === p.email)).toHaveLength(0);
  });

  it("refuses another user's access token, a refused one, or none, and mails nothing", async () => {
    const p = await person('victim');
    const other = await person('other');
    other.cognitoSays(true);
    const foreign = await p.sync({}, other.accessToken);
    expect(foreign.status).toBe(401);
    expect(foreign.body).toMatchObject({ code: 'invalid_token' });
    expect((await p.sync({}, 'forged')).status).toBe(401);
    const none = await server.request('PUT', '/v1/me/two-step', { token: p.token, body: {} });
    expect(none.status).toBe(400);
    expect(sent.filter((m) => m.to === p.email || m.to === other.email)).toHaveLength(0);
  });

  it('a user without a profile gets profile_not_found and no mail', async () => {
    const token = await issuer.idToken('nobody@example.com', { 'cognito:username': 'nobody' });
    accounts.set('access-nobody', { username: 'nobody', mfa: ['SOFTWARE_TOKEN_MFA'] });
    const answer = await server.request('PUT', '/v1/me/two-step', {
      token,
      body: {},
      headers: { [ACCESS_TOKEN_HEADER]: 'access-nobody' },
    });
    expect(answer.status).toBe(404);
    expect(sent.filter((m) => m.to === 'nobody@example.com')).toHaveLength(0);
  });
});

describe('POST /v1/me/security-events', () => {
  it('password_changed mails the verified address of the token, once per report; unknown events are refused', async () => {
    const p = await person('pw');
    const answer = await server.request('POST', '/v1/me/security-events', {
      token: p.token,
      body: { event: 'password_changed' },
    });
    expect(answer.status).toBe(204);
    expect(p.mails(PASSWORD_CHANGED_SUBJECT)).toHaveLength(1);
    const unknown = await server.request('POST', '/v1/me/security-events', {
      token: p.token,
      body: { event: 'password_changed', to: 'someone@else.test' },
    });
    expect(unknown.status).toBe(400);
    expect(sent.filter((m) => m.to === 'someone@else.test')).toHaveLength(0);
    // Without a valid ID token nothing is sent.
    const anonymous = await server.request('POST', '/v1/me/security-events', {
      body: { event: 'password_changed' },
    });
    expect(anonymous.status).toBe(401);
    expect(p.mails(PASSWORD_CHANGED_SUBJECT)).toHaveLength(1);
  });
});

describe('POST /v1/me/devices/check', () => {
  // The backend lists remembered devices itself (ListDevices with the caller's access token:
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html)
  // and mails once per device it had not seen; the app's word that a device was remembered is not enough.
  it('mails once per newly remembered device; nothing when Cognito remembers none, or says the same again', async () => {
    const p = await person('device');
    const check = (access = p.accessToken) =>
      server.request('POST', '/v1/me/devices/check', {
        token: p.token,
        headers: { [ACCESS_TOKEN_HEADER]: access },
      });
    // The app reports, but Cognito remembers no device: a change that did not happen, no mail.
    expect((await check()).status).toBe(204);
    expect(p.mails(NEW_DEVICE_SUBJECT)).toHaveLength(0);

    devices.set(p.accessToken, [{ key: 'eu-west-1_k1', name: 'ada-laptop' }]);
    expect((await check()).status).toBe(204);
    expect(p.mails(NEW_DEVICE_SUBJECT)).toHaveLength(1);
    expect(p.mails(NEW_DEVICE_SUBJECT)[0]?.text).toMatch(/"ada-laptop".*If you did not make this change/);
    // Reported again (every sign-in does): the same device is not new.
    await check();
    expect(p.mails(NEW_DEVICE_SUBJECT)).toHaveLength(1);

    devices.set(p.accessToken, [
      { key: 'eu-west-1_k1', name: 'ada-laptop' },
      { key: 'eu-west-1_k2', name: 'ada-desktop' },
    ]);
    await check();
    expect(p.mails(NEW_DEVICE_SUBJECT)).toHaveLength(2);
    expect(p.mails(NEW_DEVICE_SUBJECT)[1]?.text).toContain('"ada-desktop"');
  });

  it("another user's access token, or none, is refused and mails nothing", async () => {
    const p = await person('devtheft');
    const other = await person('devother');
    devices.set(other.accessToken, [{ key: 'eu-west-1_x', name: 'other-pc' }]);
    const stolen = await server.request('POST', '/v1/me/devices/check', {
      token: p.token,
      headers: { [ACCESS_TOKEN_HEADER]: other.accessToken },
    });
    expect(stolen.status).toBe(401);
    const none = await server.request('POST', '/v1/me/devices/check', { token: p.token });
    expect(none.status).toBe(400);
    expect(p.mails(NEW_DEVICE_SUBJECT)).toHaveLength(0);
    expect(other.mails(NEW_DEVICE_SUBJECT)).toHaveLength(0);
  });
});
