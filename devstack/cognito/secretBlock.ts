import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';

/** The server's SRP state, carried by the client inside SECRET_BLOCK between the two calls. */
export interface SrpState {
  clientId: string;
  username: string;
  /** Whether the user exists; for unknown users the challenge is a decoy that can only fail. */
  known: boolean;
  A: string;
  b: string;
  B: string;
  salt: string;
}

/** How long a PASSWORD_VERIFIER challenge may be answered, as Cognito's 3-minute session. */
const TTL_MS = 3 * 60 * 1000;

/**
 * Seals SRP state into an opaque, single-use SECRET_BLOCK with AES-256-GCM under a per-process
 * key: the client can neither read b nor forge or replay a block, and the server keeps no table.
 */
export class SecretBlocks {
  private readonly key = randomBytes(32);
  private readonly used = new Map<string, number>();

  /** Seals state into a base64 SECRET_BLOCK. */
  seal(state: SrpState): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const plain = JSON.stringify({ ...state, id: randomUUID(), exp: Date.now() + TTL_MS });
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Opens a SECRET_BLOCK once: 'expired', 'invalid' (forged, altered or already used), or the state. */
  open(block: string): SrpState | 'expired' | 'invalid' {
    this.forgetExpired();
    let parsed: SrpState & { id: string; exp: number };
    try {
      const raw = Buffer.from(block, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      parsed = JSON.parse(
        Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
      );
    } catch {
      return 'invalid';
    }
    if (parsed.exp < Date.now()) return 'expired';
    if (this.used.has(parsed.id)) return 'invalid';
    this.used.set(parsed.id, parsed.exp);
    const { id: _id, exp: _exp, ...state } = parsed;
    return state;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, exp] of this.used) if (exp < now) this.used.delete(id);
  }
}
