import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toGatehouseError } from '../../../../src/main/core/accounts/cognitoErrors';
import { createIpcRouter, type Handlers } from '../../../../src/main/core/ipc/router';
import { createLogger, logFormatFrom, redact } from '../../../../src/main/core/log';

const policy = {
  minLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
};

const b64url = (bytes: number) => randomBytes(bytes).toString('base64url');

function logged(fields: Record<string, unknown>): string {
  const lines: string[] = [];
  createLogger((line) => lines.push(line)).info('test', fields);
  return lines.join('\n');
}

describe('log redaction by shape', () => {
  it('hides a long opaque string wherever it appears, as a field or inside a message', () => {
    const opaque = b64url(48);
    const out = logged({ note: `session blob ${opaque} end`, nested: { list: [opaque] } });
    expect(out).not.toContain(opaque);
    expect(out).toContain('session blob [opaque] end');
  });

  it('hides every part of a 5-part JWE refresh token, ciphertext and tag included', () => {
    const header = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString('base64url');
    const parts = [header, b64url(256), b64url(12), b64url(600), b64url(16)];
    const jwe = parts.join('.');
    const out = logged({ detail: `refresh failed for ${jwe}` });
    for (const part of parts) expect(out).not.toContain(part);
    expect(out).toContain('refresh failed for [jwt]');
  });

  it('hides a TOTP secret: bare, grouped in fours for typing, and inside an otpauth:// URI', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW';
    const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? '';
    const uri = `otpauth://totp/Gatehouse:ada?secret=${secret}&issuer=Gatehouse`;
    const out = logged({ a: secret, b: `type ${grouped} by hand`, c: uri });
    expect(out).not.toContain(secret);
    expect(out).not.toContain(grouped.slice(0, 14));
    expect(out).toContain('type [secret] by hand');
    expect(out).toContain('otpauth://totp/Gatehouse:ada?secret=[redacted]&issuer=Gatehouse');
  });

  it('keeps identifiers and words: UUIDs, file names, plain sentences', () => {
    const sub = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const out = logged({ sub, note: 'keychain_unavailable_because_the_keyring_is_locked_now' });
    expect(out).toContain(sub);
    expect(out).toContain('keychain_unavailable_because_the_keyring_is_locked_now');
  });
});

describe('log redaction by key, never of Gatehouse codes', () => {
  it('keeps a Gatehouse error code, redacts any other value under `code`', () => {
    expect(redact({ code: 'wrong_credentials' })).toEqual({ code: 'wrong_credentials' });
    expect(redact({ code: '123456' })).toEqual({ code: '[redacted]' });
    expect(redact({ code: 'f0b9c1e7-d7f4-4c8a-9c2b-1d2e3f4a5b6c' })).toEqual({ code: '[redacted]' });
    expect(redact({ refreshToken: 'short', password: 'pw', Session: 'abc' })).toEqual({
      refreshToken: '[redacted]',
      password: '[redacted]',
      Session: '[redacted]',
    });
  });

  it('logs the Cognito exception name as the cause next to the Gatehouse code; the cause never crosses IPC', async () => {
    const error = toGatehouseError(
      { name: 'NotAuthorizedException', message: 'Incorrect username or password.' },
      'signIn',
      policy,
    );
    expect(Object.keys(error)).not.toContain('cause');
    expect(error.cause).toBe('NotAuthorizedException');

    const lines: string[] = [];
    const route = createIpcRouter({
      handlers: {
        'auth.signIn': () => {
          throw error;
        },
      } as unknown as Handlers,
      isTrustedSender: () => true,
      log: createLogger((line) => lines.push(line)),
    });
    const answer = await route('auth.signIn', {}, { login: 'ada', password: 'Secret-Pass-1' });
    expect(JSON.stringify(answer)).not.toContain('NotAuthorizedException');
    expect(answer).toMatchObject({ ok: false, error: { code: 'wrong_credentials' } });
    const line = lines.find((l) => l.includes('ipc: request failed'));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}').error).toMatchObject({
      name: 'GatehouseError',
      code: 'wrong_credentials',
      cause: 'NotAuthorizedException',
    });
    expect(lines.join('\n')).not.toContain('Secret-Pass-1');
  });
});

describe('log redaction of what the security review found leaking (issue 30)', () => {
  it('writes [truncated] past the depth limit instead of the value, so a deep JWT never reaches the line', () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${b64url(40)}.${b64url(64)}`;
    let deep: Record<string, unknown> = { note: jwt, inner: { idToken: 'x' } };
    for (let level = 0; level < 8; level++) deep = { level: deep };
    const out = logged({ deep });
    expect(out).not.toContain(jwt.split('.')[1]);
    expect(out).toContain('[truncated]');
    // A circular structure ends in [truncated] too, instead of walking it forever.
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(logged({ loop })).toContain('[truncated]');
  });

  it('redacts secret keys by other names: pwd, passphrase, UserCode, ConfirmationCode, totp', () => {
    const fields = {
      pwd: 'hunter2',
      passphrase: 'correct horse',
      UserCode: '123456',
      ConfirmationCode: '654321',
      totp: '112233',
      totpCode: '445566',
      mfa_code: '778899',
      apiKey: 'k-1',
      nested: { NewPassword: 'Ab-12345' },
    };
    const out = logged(fields);
    for (const value of [
      'hunter2',
      'correct horse',
      '123456',
      '654321',
      '112233',
      '445566',
      '778899',
      'k-1',
    ]) {
      expect(out).not.toContain(value);
    }
    expect(out).not.toContain('Ab-12345');
  });

  it('keeps what a log is read for under code-like keys: statuses, error names, Gatehouse codes', () => {
    expect(redact({ statusCode: 429, exitCode: 1, errorCode: 'NotAuthorizedException' })).toEqual({
      statusCode: 429,
      exitCode: 1,
      errorCode: 'NotAuthorizedException',
    });
    expect(redact({ code: 'rate_limited', someCode: '123456' })).toEqual({
      code: 'rate_limited',
      someCode: '[redacted]',
    });
  });

  it('hides a TOTP secret grouped in lower case, and one of only three groups', () => {
    const lower = 'jbsw y3dp ehpk 3pxp jbsw y3dp';
    const three = 'MZXW 6YTB OI2A';
    const out = logged({ a: `type ${lower} by hand`, b: `short ${three} end` });
    expect(out).not.toContain('y3dp');
    expect(out).not.toContain('6YTB');
    // Lower-case words beside a lower-case secret may go with it: over-redacting is the safe side.
    expect(out).toContain('[secret] hand');
    expect(out).toContain('short [secret] end');
    // Sentences of four-letter words and numbers stay readable.
    const prose = 'keep this safe from harm in room 4567 next door';
    expect(logged({ prose })).toContain(prose);
  });

  it('hides a password written inside an error message, in any of the usual spellings', () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line));
    log.error('sign-in failed', { error: new Error('bad request body password=hunter2-x&user=ada') });
    log.error('sign-in failed', { error: new Error('payload {"Password":"s3cret pass","Username":"ada"}') });
    log.warn("retry with pwd: 'Tr0ub4dor&3'", {});
    log.warn('header Authorization: Bearer abc.def', {});
    const out = lines.join('\n');
    for (const secret of ['hunter2-x', 's3cret pass', 'Tr0ub4dor', 'abc.def'])
      expect(out).not.toContain(secret);
    expect(out).toContain('user=ada');
    expect(out).toContain('"Username\\":\\"ada');
  });
});

describe('log lines for people (issue 29), JSON only when asked', () => {
  const at = () => new Date('2026-12-07T12:04:05.678Z');

  it('writes time, level, message and key=value fields, still redacted', () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line), at, 'text');
    log.warn('deep link refused', { code: 'invalid_redirect', url: 'gatehouse://auth/callback?code=abc123' });
    expect(lines).toEqual([
      // A value holding "=" or a space is quoted, so each key=value still reads unambiguously.
      '12:04:05 warn  deep link refused  code=invalid_redirect  url="gatehouse://auth/callback?code=[redacted]"',
    ]);
    log.info('two words', { note: 'has spaces', count: 2 });
    expect(lines[1]).toBe('12:04:05 info  two words  note="has spaces"  count=2');
  });

  it('is text unless GATEHOUSE_LOG_FORMAT asks for json', () => {
    expect(logFormatFrom({})).toBe('text');
    expect(logFormatFrom({ GATEHOUSE_LOG_FORMAT: 'JSON' })).toBe('json');
    expect(logFormatFrom({ GATEHOUSE_LOG_FORMAT: 'yaml' })).toBe('text');
  });
});
