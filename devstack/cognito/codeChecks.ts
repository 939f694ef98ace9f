import { JsonFile } from '../store/jsonFile.js';
import { CognitoException, codeMismatch } from './errors.js';

/** How long a mailed code stays valid, and how many wrong tries one code tolerates. */
export interface CodeRules {
  /** Default 24 h (Cognito's confirmation codes); tests shorten it. */
  ttlSeconds: number;
  /** Wrong codes accepted before LimitExceededException; default 5. */
  attemptLimit: number;
  /** How long an MFA challenge `Session` can be answered; default 180 s (Cognito's default `AuthSessionValidity`). */
  challengeTtlSeconds: number;
}

/** Cognito's defaults as the devstack applies them. */
export const DEFAULT_CODE_RULES: CodeRules = {
  ttlSeconds: 24 * 3600,
  attemptLimit: 5,
  challengeTtlSeconds: 180,
};

interface CodeRecord {
  issuedAt: number;
  failures: number;
}

/**
 * Expiry and attempt counting for the codes Cognito mails (sign-up confirmation, password reset).
 * cognito-local keeps the code itself on the user and never expires it or counts failures; this
 * adds both, keyed by pool and username (one outstanding code per user, as in Cognito). A new code
 * starts a fresh count.
 */
export class CodeChecks {
  private readonly file: JsonFile<{ records: Record<string, CodeRecord> }>;

  constructor(
    path: string,
    private readonly rules: CodeRules,
    private readonly now: () => number = Date.now,
  ) {
    this.file = new JsonFile(path, () => ({ records: {} }));
  }

  /** A code was mailed to this user. */
  issued(userPoolId: string, username: string): void {
    this.file.data.records[key(userPoolId, username)] = { issuedAt: this.now(), failures: 0 };
    this.file.save();
  }

  /**
   * Checks a submitted code against the stored one, with Cognito's exceptions: LimitExceededException
   * once too many wrong codes were tried, CodeMismatchException for a wrong one, ExpiredCodeException
   * for a right one that is too old. A right, live code is spent.
   */
  check(userPoolId: string, username: string, given: string, expected: string | undefined): void {
    const id = key(userPoolId, username);
    const record = this.file.data.records[id];
    if (record !== undefined && record.failures >= this.rules.attemptLimit) {
      throw new CognitoException(
        'LimitExceededException',
        'Attempt limit exceeded, please try after some time.',
      );
    }
    if (expected === undefined || given !== expected) {
      if (record !== undefined) {
        record.failures += 1;
        this.file.save();
      }
      throw codeMismatch();
    }
    if (record !== undefined && this.now() - record.issuedAt > this.rules.ttlSeconds * 1000) {
      throw new CognitoException(
        'ExpiredCodeException',
        'Invalid code provided, please request a code again.',
      );
    }
    delete this.file.data.records[id];
    this.file.save();
  }
}

function key(userPoolId: string, username: string): string {
  return `${userPoolId}/${username}`;
}
