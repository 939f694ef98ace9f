import { TtlMap } from '../store/ttlMap.js';
import type { AuthorizeRequest } from './request.js';

/** What an authorization code stands for. */
export interface CodeGrant extends AuthorizeRequest {
  username: string;
}

/** Cognito's authorization codes live 5 minutes. */
const CODE_TTL_MS = 5 * 60 * 1000;

/**
 * One-time authorization codes. A redeemed code is remembered for its lifetime with the session it
 * started, so a replay is refused and, per the OAuth security BCP, that session can be revoked.
 */
export class AuthorizationCodes {
  private readonly live = new TtlMap<CodeGrant>(CODE_TTL_MS);
  private readonly redeemed = new TtlMap<{ originJti?: string }>(CODE_TTL_MS);

  /** Issues a code for a signed-in user and an authorize request. */
  issue(grant: CodeGrant): string {
    return this.live.add(grant);
  }

  /** Redeems a code once: the grant; `{ replayOf }` when it was already used; undefined when unknown. */
  redeem(code: string): CodeGrant | { replayOf: string | undefined } | undefined {
    const grant = this.live.take(code);
    if (grant !== undefined) {
      this.redeemed.set(code, {});
      return grant;
    }
    const used = this.redeemed.get(code);
    return used === undefined ? undefined : { replayOf: used.originJti };
  }

  /** Links a redeemed code to the session (`origin_jti`) it started. */
  bindSession(code: string, originJti: string): void {
    this.redeemed.set(code, { originJti });
  }
}
