import { notAuthorized } from './errors.js';

/**
 * Cognito's sign-in lockout, as documented
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior):
 * after five failed attempts the user is locked out for 2^(n-5) seconds (n = failures so far), up
 * to about 15 minutes; attempts during a lockout get NotAuthorizedException "Password attempts
 * exceeded" and do not count; a successful sign-in after the lockout, or 15 minutes without any
 * attempt after one, starts over. MFA codes follow the same process
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html: "After five
 * unsuccessful attempts to present an MFA code, Amazon Cognito begins the exponential-timeout
 * lockout process"), counted apart from passwords. State lives in memory: a restart forgets it.
 */

/** What a failure is counted against: the password, or the MFA code of a sign-in. */
export type LockoutFactor = 'password' | 'mfa';

/** Failures tolerated before the first lockout. */
const FREE_FAILURES = 5;
/** Longest lockout ("up to a maximum of approximately 15 minutes"), and the quiet time that resets. */
const MAX_LOCKOUT_MS = 15 * 60 * 1000;
const QUIET_RESET_MS = 15 * 60 * 1000;

interface Record {
  failures: number;
  lockedUntil: number;
  lastAttempt: number;
}

/** The message Cognito answers while a user is locked out. */
export const ATTEMPTS_EXCEEDED = 'Password attempts exceeded';

/** Per-user failure counts and lockouts for one user pool service, on the clock it is given. */
export class SignInLockout {
  private readonly records = new Map<string, Record>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Before checking a factor: throws "Password attempts exceeded" while locked, else notes the attempt. */
  assertOpen(factor: LockoutFactor, userPoolId: string, username: string): void {
    const id = key(factor, userPoolId, username);
    const record = this.records.get(id);
    if (record === undefined) return;
    const now = this.now();
    if (record.failures >= FREE_FAILURES && now - record.lastAttempt >= QUIET_RESET_MS) {
      this.records.delete(id);
      return;
    }
    record.lastAttempt = now;
    if (now < record.lockedUntil) throw notAuthorized(ATTEMPTS_EXCEEDED);
  }

  /** A wrong password or code: counts it, and from the fifth on locks for 2^(n-5) s (capped). */
  failed(factor: LockoutFactor, userPoolId: string, username: string): void {
    const id = key(factor, userPoolId, username);
    const now = this.now();
    const record = this.records.get(id) ?? { failures: 0, lockedUntil: 0, lastAttempt: now };
    record.failures += 1;
    record.lastAttempt = now;
    if (record.failures >= FREE_FAILURES) {
      record.lockedUntil = now + Math.min(2 ** (record.failures - FREE_FAILURES) * 1000, MAX_LOCKOUT_MS);
    }
    this.records.set(id, record);
  }

  /**
   * One check of a factor under the lockout: refused while locked; a throw from `check` counts as a
   * failure (and is rethrown), a return resets the count.
   */
  async attempt<T>(
    factor: LockoutFactor,
    userPoolId: string,
    username: string,
    check: () => T | Promise<T>,
  ): Promise<T> {
    this.assertOpen(factor, userPoolId, username);
    let result: T;
    try {
      result = await check();
    } catch (err) {
      this.failed(factor, userPoolId, username);
      throw err;
    }
    this.succeeded(factor, userPoolId, username);
    return result;
  }

  /** The factor was right (only possible outside a lockout): the count starts over. */
  succeeded(factor: LockoutFactor, userPoolId: string, username: string): void {
    this.records.delete(key(factor, userPoolId, username));
  }
}

function key(factor: LockoutFactor, userPoolId: string, username: string): string {
  return `${factor}\u0000${userPoolId}\u0000${username}`;
}
