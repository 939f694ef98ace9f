import * as sdk from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import {
  claimSignature,
  modPow,
  N,
  newSalt,
  padHex,
  passwordVerifier,
  serverEphemeral,
  sharedKey,
} from '../../../cognito/srp.js';

// The SDK's own AuthenticationHelper (exported at runtime, absent from its typings), so the client
// side below is byte-for-byte what the app runs.
// biome-ignore lint/suspicious/noExplicitAny: the SDK ships no types for these internals
type Helper = any;
const { AuthenticationHelper } = sdk as unknown as { AuthenticationHelper: new (poolName: string) => Helper };

function clientKey(
  helper: Helper,
  userId: string,
  password: string,
  B: bigint,
  salt: bigint,
): Promise<Buffer> {
  const BigInteger = helper.N.constructor;
  return new Promise((resolve, reject) => {
    helper.getPasswordAuthenticationKey(
      userId,
      password,
      new BigInteger(B.toString(16), 16),
      new BigInteger(salt.toString(16), 16),
      (err: Error | null, key: Buffer) => (err ? reject(err) : resolve(Buffer.from(key))),
    );
  });
}

function clientA(helper: Helper): bigint {
  let A = 0n;
  helper.getLargeAValue((_err: unknown, value: { toString(radix: number): string }) => {
    A = BigInt(`0x${value.toString(16)}`);
  });
  return A;
}

// The reference values come from the library's JavaScript big integers: seconds on a loaded machine.
describe('SRP (server side) against amazon-cognito-identity-js', { timeout: 60_000 }, () => {
  it('derives the same key as the SDK for the right password, and a different one for a wrong password', async () => {
    const salt = newSalt();
    const v = passwordVerifier('DevPool01', 'ada', 'Corr3ct-horse!', salt);

    const helper: Helper = new AuthenticationHelper('DevPool01');
    const A = clientA(helper);
    const { b, B } = serverEphemeral(v);
    const serverKey = sharedKey(A, B, b, v);
    expect(serverKey).toBeDefined();
    expect(await clientKey(helper, 'ada', 'Corr3ct-horse!', B, salt)).toEqual(serverKey);

    const helper2: Helper = new AuthenticationHelper('DevPool01');
    const A2 = clientA(helper2);
    const e2 = serverEphemeral(v);
    const wrong = await clientKey(helper2, 'ada', 'wrong-password', e2.B, salt);
    expect(wrong).not.toEqual(sharedKey(A2, e2.B, e2.b, v));
  });

  it('refuses A ≡ 0 mod N', () => {
    const v = passwordVerifier('DevPool01', 'ada', 'pw', newSalt());
    const { b, B } = serverEphemeral(v);
    expect(sharedKey(0n, B, b, v)).toBeUndefined();
    expect(sharedKey(N, B, b, v)).toBeUndefined();
    expect(sharedKey(2n * N, B, b, v)).toBeUndefined();
  });

  it('native modPow agrees with a plain square-and-multiply', () => {
    const slow = (base: bigint, e: bigint) => {
      let r = 1n;
      let x = base % N;
      let k = e;
      while (k > 0n) {
        if (k & 1n) r = (r * x) % N;
        x = (x * x) % N;
        k >>= 1n;
      }
      return r;
    };
    for (const [base, e] of [
      [2n, 12345678901234567890n],
      [N - 5n, 99n],
      [123456789n ** 9n, 2n ** 200n + 7n],
      [1n, 5n],
      [N - 1n, 3n],
    ] as const) {
      expect(modPow(base, e)).toBe(slow(base, e));
    }
  });

  it('padHex matches the SDK encoding', () => {
    const helper: Helper = new AuthenticationHelper('DevPool01');
    const BigInteger = helper.N.constructor;
    for (const n of [1n, 0x7fn, 0x80n, 0xabcn, N]) {
      expect(padHex(n)).toBe(helper.padHex(new BigInteger(n.toString(16), 16)));
    }
  });

  it('signature depends on every input', () => {
    const key = Buffer.alloc(16, 7);
    const base = claimSignature(key, 'DevPool01', 'ada', 'c2VjcmV0', 'Mon Jan 1 00:00:00 UTC 2024');
    expect(claimSignature(key, 'DevPool01', 'bob', 'c2VjcmV0', 'Mon Jan 1 00:00:00 UTC 2024')).not.toBe(base);
    expect(claimSignature(key, 'DevPool01', 'ada', 'c2VjcmVU', 'Mon Jan 1 00:00:00 UTC 2024')).not.toBe(base);
    expect(claimSignature(key, 'DevPool01', 'ada', 'c2VjcmV0', 'Mon Jan 1 00:00:01 UTC 2024')).not.toBe(base);
  });
});
