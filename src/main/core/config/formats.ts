import { z } from 'zod';
import { isLoopback, LOOPBACK_HOSTS } from '../../../shared/loopback';

/** The value formats settings share: AWS identifiers, endpoint URLs, app URIs, numbers and flags. */

/** An AWS region such as `us-east-1`. */
export const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** A user pool id such as `us-east-1_AbCdEf123`; the first group is its region. */
export const USER_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]{1,40}$/;

// Schemes a browser or the OS would hand to some other program: never a desktop app's redirect.
const RESERVED_SCHEMES = new Set([
  'http:',
  'https:',
  'file:',
  'ftp:',
  'ws:',
  'wss:',
  'data:',
  'blob:',
  'about:',
  'javascript:',
  'mailto:',
]);

/** The region a user pool id names, if it is one. */
export function regionOf(userPoolId: string | undefined): string | undefined {
  return userPoolId === undefined ? undefined : USER_POOL_ID.exec(userPoolId)?.[1];
}

/** `https://x/` → `https://x`: base URLs are joined with paths that start with a slash. */
export function stripTrailingSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

/** An http(s) base URL: https anywhere, plain http only on loopback (the devstack). */
export const baseUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL` });
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" must use https (plain http is allowed only on ${LOOPBACK_HOSTS.join(', ')})`,
    });
  }
  if (url.username || url.password)
    ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
  if (url.search || url.hash)
    ctx.addIssue({ code: 'custom', message: 'must not contain a query or fragment' });
});

/** A custom-scheme app URI shaped like `gatehouse://auth/callback`. */
export const appUri = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URI` });
    return;
  }
  const shaped =
    /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) &&
    !RESERVED_SCHEMES.has(url.protocol) &&
    url.host !== '' &&
    !url.port &&
    !url.username &&
    !url.password &&
    /^\/[A-Za-z0-9_.~/-]+$/.test(url.pathname) &&
    !url.search &&
    !url.hash &&
    value === `${url.protocol}//${url.host}${url.pathname}`;
  if (!shaped) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" must be a custom-scheme URI like gatehouse://auth/callback (no http(s), port, query or fragment)`,
    });
  }
});

/** A whole number in a range; it arrives as a string from the environment and as a number from the file. */
export function wholeNumber(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value),
    z
      .number({ error: `must be a whole number from ${min} to ${max}` })
      .int(`must be a whole number from ${min} to ${max}`)
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
}

/** A yes/no setting: `true`/`1`/`yes` or `false`/`0`/`no` from the environment, a boolean from the file. */
export const flag = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const lowered = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(lowered)) return true;
    if (['false', '0', 'no'].includes(lowered)) return false;
    return value;
  },
  z.boolean({ error: 'must be true or false' }),
);

/** A switch only a config file can set, as a JSON boolean. */
export const fileSwitch = z.boolean({ error: 'must be true or false' });

/**
 * The pool's identity providers a build shows, by name and in button order: a JSON array in the
 * config file, or a comma-separated list in the environment (`Google,Microsoft`).
 * Every name must be one of `known` (the pool definition's), once.
 */
export function providerList(known: readonly string[]) {
  return z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== '')
        : value,
    z
      .array(
        z.string().refine((name) => known.includes(name), {
          error: (issue) =>
            `"${String(issue.input)}" is not a provider of the pool (it has ${known.join(', ')})`,
        }),
        { error: `must be a list of the pool's providers (${known.join(', ')})` },
      )
      .refine((names) => new Set(names).size === names.length, { error: 'names a provider twice' }),
  );
}
