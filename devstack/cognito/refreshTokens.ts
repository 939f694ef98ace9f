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
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Every refresh token issued by any path (user-pool API or Hosted UI), with its revocation state.
 * RevokeToken, /oauth2/revoke and GlobalSignOut mark records revoked; every refresh checks here.
 */
export class RefreshTokenStore {
  private readonly file: JsonFile<{ records: Record<string, RefreshRecord> }>;

  constructor(path: string) {
    this.file = new JsonFile(path, () => ({ records: {} }));
    this.prune();
  }

  /** Issues a new opaque refresh token (as real Cognito's, clients must not parse it). */
  issue(input: Omit<RefreshRecord, 'originJti' | 'tokenHash' | 'revokedAt'>): {
    token: string;
    record: RefreshRecord;
  } {
    const token = randomBytes(48).toString('base64url');
    const record: RefreshRecord = { ...input, originJti: randomUUID(), tokenHash: hashToken(token) };
    this.file.data.records[record.originJti] = record;
    this.file.save();
    return { token, record };
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
    return record !== undefined && record.revokedAt === undefined && record.expiresAt > nowSeconds();
  }

  /** Revokes one refresh token (and with it the ID/access tokens minted from it). */
  revoke(record: RefreshRecord): void {
    record.revokedAt ??= nowSeconds();
    this.file.save();
  }

  /** Revokes every refresh token of one user, for GlobalSignOut. */
  revokeAllOf(username: string): number {
    let count = 0;
    for (const record of Object.values(this.file.data.records)) {
      if (record.username === username && record.revokedAt === undefined) {
        record.revokedAt = nowSeconds();
        count++;
      }
    }
    this.file.save();
    return count;
  }

  private prune(): void {
    const now = nowSeconds();
    for (const [key, record] of Object.entries(this.file.data.records)) {
      if (record.expiresAt <= now) delete this.file.data.records[key];
    }
  }
}
