import { timingSafeEqual } from 'node:crypto';

/** How far the client's TIMESTAMP may be from the server clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Parses the SDK's `ddd MMM D HH:mm:ss UTC YYYY` timestamp. */
function parseTimestamp(text: string): number | undefined {
  const m = /^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(
    text,
  );
  if (m === null) return undefined;
  const t = Date.parse(`${m[2]} ${m[1]} ${m[6]} ${m[3]}:${m[4]}:${m[5]} UTC`);
  return Number.isNaN(t) ? undefined : t;
}

/** Whether an SRP claim's TIMESTAMP parses and lies within the allowed clock skew. */
export function freshTimestamp(text: string): boolean {
  const time = parseTimestamp(text);
  return time !== undefined && Math.abs(Date.now() - time) <= MAX_CLOCK_SKEW_MS;
}

/** Constant-time comparison of two PASSWORD_CLAIM_SIGNATUREs. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
