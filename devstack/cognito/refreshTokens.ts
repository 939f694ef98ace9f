import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { JsonFile } from '../store/jsonFile.js';

/** What the devstack remembers about one refresh token (the token itself is stored only as a hash). */
export interface RefreshRecord {
  /** Also the `origin_jti` of every ID/access token minted from this refresh token. */
  originJti: string;
  tokenHash: string;
  username: string;
  clientId: string;
  scope: string;
  authTime: number;
  expiresAt: number;
  revokedAt?: number;
  /** The `originJti` of the first token of its rotation chain; revoking any token revokes the chain. */
  family?: string;
  /** Set when rotation replaced this token: refreshing with it works until then (the retry grace period). */
  invalidAfter?: number;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Every refresh token issued by any path (user-pool API or Hosted UI), with its revocation state.
 * RevokeToken, /oauth2/revoke and GlobalSignOut mark records revoked; every refresh checks here.
 */
export class RefreshTokenStore {
  private readonly file: JsonFile<{ records: Record<string, RefreshRecord> }>;

  /** `now` in milliseconds: the devstack's clock (tests move it past a grace period). */
  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = new JsonFile(path, () => ({ records: {} }));
    this.prune();
  }

  /** Seconds since the epoch on the store's clock. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Issues a new opaque refresh token (as real Cognito's, clients must not parse it). */
  issue(input: Omit<RefreshRecord, 'originJti' | 'tokenHash' | 'revokedAt' | 'invalidAfter'>): {
    token: string;
    record: RefreshRecord;
  } {
    const token = randomBytes(48).toString('base64url');
    const record: RefreshRecord = { ...input, originJti: randomUUID(), tokenHash: hashToken(token) };
    this.file.data.records[record.originJti] = record;
    this.file.save();
    return { token, record };
  }

  /**
   * Rotation: a new refresh token for the same sign-in (same user, scope, `auth_time` and expiry: rotation
   * never extends a session), and the presented one stops working `graceSeconds` from its first rotation.
   */
  rotate(record: RefreshRecord, graceSeconds: number): { token: string; record: RefreshRecord } {
    record.invalidAfter ??= this.nowSeconds() + graceSeconds;
    const { username, clientId, scope, authTime, expiresAt } = record;
    return this.issue({
      username,
      clientId,
      scope,
      authTime,
      expiresAt,
      family: record.family ?? record.originJti,
    });
  }

  /** Whether rotation replaced this token and its grace period is over. */
  isRotatedOut(record: RefreshRecord): boolean {
    return record.invalidAfter !== undefined && record.invalidAfter <= this.nowSeconds();
  }

  /** The record for a presented refresh token, whatever its state. */
  find(token: string): RefreshRecord | undefined {
    const hash = hashToken(token);
    return Object.values(this.file.data.records).find((r) => r.tokenHash === hash);
  }

  /** The record an ID/access token came from, by its `origin_jti`. */
  byOrigin(originJti: string): RefreshRecord | undefined {
    return this.file.data.records[originJti];
  }

  /** Whether tokens from this origin are still good: known, not revoked, not expired. */
  isActive(record: RefreshRecord | undefined): record is RefreshRecord {
    return record !== undefined && record.revokedAt === undefined && record.expiresAt > this.nowSeconds();
  }

  /**
   * Revokes one refresh token (and with it the ID/access tokens minted from it), together with every
   * token of its rotation chain: a sign-out must not leave the token it rotated out usable for the grace period.
   */
  revoke(record: RefreshRecord): void {
    const family = record.family ?? record.originJti;
    const now = this.nowSeconds();
    for (const other of Object.values(this.file.data.records)) {
      if (other === record || (other.family ?? other.originJti) === family) other.revokedAt ??= now;
    }
    this.file.save();
  }

  /** Revokes every refresh token of one user, for GlobalSignOut. */
  revokeAllOf(username: string): number {
    let count = 0;
    for (const record of Object.values(this.file.data.records)) {
      if (record.username === username && record.revokedAt === undefined) {
        record.revokedAt = this.nowSeconds();
        count++;
      }
    }
    this.file.save();
    return count;
  }

  private prune(): void {
    const now = this.nowSeconds();
    for (const [key, record] of Object.entries(this.file.data.records)) {
      if (record.expiresAt <= now) delete this.file.data.records[key];
    }
  }
}
