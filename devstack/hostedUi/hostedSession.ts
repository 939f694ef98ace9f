import type { IncomingMessage, ServerResponse } from 'node:http';
import { TtlMap } from '../store/ttlMap.js';

const COOKIE = 'cognito';
/** Cognito's Hosted UI session cookie lasts one hour. */
const SESSION_TTL_MS = 60 * 60 * 1000;

/**
 * The Hosted UI's own browser session (the `cognito` cookie): a user who signed in on the hosted
 * page is not asked again until it expires or `/logout` clears it.
 */
export class HostedSessions {
  private readonly sessions = new TtlMap<{ username: string }>(SESSION_TTL_MS);

  /** The signed-in username for this browser, if any. */
  current(req: IncomingMessage): string | undefined {
    const id = readCookie(req, COOKIE);
    return id === undefined ? undefined : this.sessions.get(id)?.username;
  }

  /** Starts a browser session. */
  begin(res: ServerResponse, username: string): void {
    const id = this.sessions.add({ username });
    res.setHeader(
      'set-cookie',
      `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}`,
    );
  }

  /** Ends this browser's session. */
  end(req: IncomingMessage, res: ServerResponse): void {
    const id = readCookie(req, COOKIE);
    if (id !== undefined) this.sessions.delete(id);
    res.setHeader('set-cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  }
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
