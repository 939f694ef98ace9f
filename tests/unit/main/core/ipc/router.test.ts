import { describe, expect, it, vi } from 'vitest';
import { createIpcRouter, type Handlers } from '../../../../../src/main/core/ipc/router';
import { createLogger } from '../../../../../src/main/core/log';
import { GatehouseError } from '../../../../../src/shared/errors';
import { CHANNEL_NAMES } from '../../../../../src/shared/ipc/contract';

const TRUSTED = { frame: 'main' };
const STRANGER = { frame: 'iframe' };

/** Handlers that fail loudly if called, except the ones a test provides. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const all = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [name, vi.fn(() => Promise.reject(new Error(`${name} should not run`)))]),
  );
  return { ...all, ...overrides } as Handlers;
}

function router(overrides: Partial<Handlers> = {}, lines: string[] = []) {
  return createIpcRouter<typeof TRUSTED>({
    handlers: handlers(overrides),
    isTrustedSender: (sender) => sender === TRUSTED,
    log: createLogger((line) => lines.push(line)),
  });
}

const appInfo = {
  name: 'gatehouse',
  version: '1.0.0',
  environment: 'test',
  platform: 'linux',
  userPoolId: 'p',
};

describe('IPC router', () => {
  it('answers a valid request from the trusted frame with the handler value', async () => {
    const route = router({ 'app.info': () => appInfo });
    expect(await route('app.info', TRUSTED, {})).toEqual({ ok: true, value: appInfo });
  });

  it('refuses a sender that is not the app frame, without calling the handler', async () => {
    const info = vi.fn(() => appInfo);
    const route = router({ 'app.info': info });
    const result = await route('app.info', STRANGER, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(info).not.toHaveBeenCalled();
  });

  it('answers a malformed request with invalid_request naming the field, without calling the handler', async () => {
    const signIn = vi.fn();
    const route = router({ 'auth.signIn': signIn });
    const result = await route('auth.signIn', TRUSTED, { login: 'ada', password: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'password' } });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('rejects unknown extra fields (strict schemas)', async () => {
    const signIn = vi.fn();
    const route = router({ 'auth.signIn': signIn });
    const result = await route('auth.signIn', TRUSTED, { login: 'ada', password: 'pw', admin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('answers an unknown channel with invalid_request', async () => {
    for (const channel of ['auth.hack', '__proto__', 'constructor', 42, null]) {
      expect(await router()(channel, TRUSTED, {})).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
    }
  });

  it('passes a GatehouseError through with its code, message and field', async () => {
    const route = router({
      'auth.signIn': () => {
        throw new GatehouseError('wrong_credentials', 'Incorrect username or password.', 'password');
      },
    });
    expect(await route('auth.signIn', TRUSTED, { login: 'ada', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'wrong_credentials', message: 'Incorrect username or password.', field: 'password' },
    });
  });

  it('turns any other error into internal, with no stack or inner message, and logs it redacted', async () => {
    const lines: string[] = [];
    const secret = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const route = router(
      {
        'auth.signIn': () => {
          throw new TypeError(`boom with ${secret}`);
        },
      },
      lines,
    );
    const result = await route('auth.signIn', TRUSTED, { login: 'ada', password: 'x' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Gatehouse.' },
    });
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(lines.join('\n')).toContain('boom');
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('answers internal when a handler returns something that breaks its own response schema', async () => {
    const route = router({ 'app.info': () => ({ ...appInfo, token: 'leak' }) as never });
    const result = await route('app.info', TRUSTED, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('leak');
  });

  it('answers internal when a handler throws an error that breaks the contract (no code)', async () => {
    const lines: string[] = [];
    const route = router(
      {
        'auth.signIn': () => {
          throw new GatehouseError(undefined as never, 'broken');
        },
      },
      lines,
    );
    const result = await route('auth.signIn', TRUSTED, { login: 'ada', password: 'pw' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Gatehouse.' },
    });
    expect(lines.join('\n')).toContain('ipc: error broke its contract');
  });
});
