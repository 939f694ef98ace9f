import { totpCode } from '../../../lib/totp';

/**
 * The user's authenticator app in e2e specs: the devstack's RFC 6238 generator fed the key the setup
 * screen shows (as a person would type it). The server accepts the previous, current and next
 * 30-second code, each once, so a flow uses -1, 0 and +1 in turn and never waits for the clock —
 * except in the last second of a step, when -1 would expire on the way.
 */
export function authenticator(groupedKey: string) {
  const secret = groupedKey.replace(/\s/g, '');
  return async (steps = 0) => {
    const intoStep = Date.now() % 30_000;
    if (steps < 0 && intoStep > 28_000) await new Promise((r) => setTimeout(r, 30_500 - intoStep));
    return totpCode(secret, Date.now() + steps * 30_000);
  };
}
