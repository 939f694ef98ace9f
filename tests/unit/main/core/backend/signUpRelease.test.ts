import axios from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSignUpRelease } from '../../../../../src/main/core/backend/signUpRelease';
import { createLogger } from '../../../../../src/main/core/log';
import { CHANGE_SIGN_UP_EMAIL_PATH } from '../../../../../src/shared/signUpEmail';
import { failure } from '../../../../support/failure';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../support/loopbackServer';

// The release call of the confirm screen's "Change it", against a real loopback HTTP server: what
// it sends (no token, the secret only in the body) and the plain words for each refusal.

const PROBLEM = 'application/problem+json; charset=utf-8';
const REQUEST = { username: 'tom_typo', secret: 's'.repeat(43), email: 'tom@example.com' };

let api: LoopbackServer;
beforeAll(async () => {
  api = await startLoopbackServer();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

function release(url = api.url) {
  const lines: string[] = [];
  const call = createSignUpRelease({
    config: { apiUrl: url, httpTimeoutMs: 2000 },
    http: axios.create(),
    log: createLogger((line) => lines.push(line)),
  });
  return { call, lines };
}

const refuse = (code: string, status: number) =>
  api.handle((_req, res) =>
    sendJson(
      res,
      status,
      { type: `urn:gatehouse:problem:${code}`, title: code, status, detail: 'd', code },
      PROBLEM,
    ),
  );

describe('sign-up release', () => {
  it('POSTs the request without any token and resolves on 204; the secret is not logged', async () => {
    api.handle((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    const { call, lines } = release();
    await call(REQUEST);
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: CHANGE_SIGN_UP_EMAIL_PATH });
    expect(api.requests[0]?.headers.authorization).toBeUndefined();
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual(REQUEST);
    expect(lines.join('\n')).not.toContain(REQUEST.secret);
  });

  it.each([
    ['email_in_use', 409, 'email_taken', 'email', /Another account already uses this email address/],
    ['already_confirmed', 409, 'already_confirmed', undefined, /already confirmed\. Sign in/],
    ['sign_up_not_found', 404, 'user_not_found', undefined, /can no longer be changed/],
    ['rate_limited', 429, 'rate_limited', undefined, /Wait a minute/],
  ])('%s (%d) → %s in plain words', async (problem, status, code, field, words) => {
    refuse(problem, status);
    const { call, lines } = release();
    const error = await failure(call(REQUEST));
    expect([error.code, error.field]).toEqual([code, field]);
    expect(error.message).toMatch(words);
    expect(lines.join('\n')).not.toContain(REQUEST.secret);
  });

  it('says so in plain words when the backend cannot be reached', async () => {
    const { call } = release('http://127.0.0.1:1');
    const error = await failure(call(REQUEST));
    expect(error.code).toBe('backend_unavailable');
    expect(error.message).toMatch(/Check your internet connection/);
  });
});
