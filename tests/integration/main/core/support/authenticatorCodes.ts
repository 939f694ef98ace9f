import { totpCode } from '../../../../../lib/totp';

/**
 * The "authenticator app" of the core's integration tests: the devstack's RFC 6238 generator.
 * `code(secret, 1)` is the next 30-second code, valid already and not yet used, so no test waits.
 */
export function code(secret: string, steps = 0): string {
  return totpCode(secret, Date.now() + steps * 30_000);
}

/** A six-digit code no step of the accepted window (plus margin) can produce. */
export function wrongCode(secret: string): string {
  const near = [-2, -1, 0, 1, 2].map((k) => code(secret, k));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c)) ?? '444444';
}
