import { describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../../../server/config';
import { loadConfig } from '../../../../src/main/core/config';
import { toChannelError } from '../../../../src/renderer/src/api';
import { ERROR_CODES } from '../../../../src/shared/errors';
import { authStateSchema, channels, passwordPolicySchema } from '../../../../src/shared/ipc/contract';
import { LOOPBACK_HOSTS } from '../../../../src/shared/loopback';
import { SHARED_MESSAGES } from '../../../../src/shared/messages';
import { PASSWORD_MIN_LENGTH_RANGE } from '../../../../src/shared/passwordPolicy';

/**
 * Facts several parts use, each declared once in src/shared: these tests read every user of a fact
 * and expect them to agree (renderer, main and the backend side by side, hence this project: it has
 * both the DOM and Node's types).
 */

describe('the notice main signs out with', () => {
  it('carries a typed error code: the contract refuses any other', () => {
    const signedOut = (code: string) =>
      authStateSchema.safeParse({ status: 'signed-out', notice: { code, message: 'Why.' } }).success;
    for (const code of ERROR_CODES) expect(signedOut(code), code).toBe(true);
    expect(signedOut('keychain_unavailabel')).toBe(false);
  });
});

describe('the loopback hosts', () => {
  const serverAccepts = (host: string) => {
    try {
      loadServerConfig({ COGNITO_ISSUER: `http://${host}:9231/pool`, COGNITO_CLIENT_ID: 'c' });
      return true;
    } catch {
      return false;
    }
  };
  const appAccepts = (host: string) => {
    try {
      loadConfig({ GATEHOUSE_API_URL: `http://${host}:8787` });
      return true;
    } catch {
      return false;
    }
  };

  it('are where the backend and the app both take plain http, and nowhere else', () => {
    for (const host of LOOPBACK_HOSTS) {
      expect(serverAccepts(host), host).toBe(true);
      expect(appAccepts(host), host).toBe(true);
    }
    for (const host of ['10.0.0.1', 'example.com', '127.0.0.1.example.com']) {
      expect(serverAccepts(host), host).toBe(false);
      expect(appAccepts(host), host).toBe(false);
    }
  });
});

describe('the password minimum length range', () => {
  const appTakes = (minLength: number) => {
    try {
      return (
        loadConfig({ GATEHOUSE_PASSWORD_MIN_LENGTH: String(minLength) }).passwordPolicy.minLength ===
        minLength
      );
    } catch {
      return false;
    }
  };
  const contractTakes = (minLength: number) =>
    passwordPolicySchema.safeParse({
      minLength,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: true,
    }).success;

  it("is Cognito's 6–99 for both the app's setting and the IPC contract", () => {
    const { min, max } = PASSWORD_MIN_LENGTH_RANGE;
    expect([min, max]).toEqual([6, 99]);
    for (const n of [min - 1, min, max, max + 1]) expect(appTakes(n), String(n)).toBe(contractTakes(n));
    expect([appTakes(min - 1), appTakes(min), appTakes(max), appTakes(max + 1)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('"Something went wrong inside Gatehouse"', () => {
  it("is the renderer's fallback for anything thrown, worded once", () => {
    expect(toChannelError(new TypeError('boom')).message).toBe(
      `${SHARED_MESSAGES.internal} Please try again.`,
    );
  });
});

describe('six-digit codes', () => {
  it('e-mailed codes and authenticator codes follow the one pattern', () => {
    const emailed = (code: string) =>
      channels['auth.confirmSignUp'].request.safeParse({ username: 'ada', code }).success;
    const authenticator = (code: string) => channels['auth.answerTotp'].request.safeParse({ code }).success;
    for (const code of ['123456', '000000', '12345', '1234567', '12345a', '١٢٣٤٥٦']) {
      expect(authenticator(code), code).toBe(emailed(code));
    }
    expect(emailed('123456')).toBe(true);
  });
});
