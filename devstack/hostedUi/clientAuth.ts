import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppClient } from 'cognito-local/lib/services/appClient';
import type { HostedUi } from './context.js';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The calling app client of a back-channel request: from HTTP Basic or the form's `client_id`.
 * A client with a secret must present it; a public client (Gatehouse's) presents only its id.
 */
export async function authenticateClient(
  h: HostedUi,
  req: IncomingMessage,
  form: Record<string, string>,
): Promise<AppClient | undefined> {
  let clientId = form.client_id;
  let secret = form.client_secret;
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1] !== undefined) {
    const [id = '', pass = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    clientId = decodeURIComponent(id);
    secret = decodeURIComponent(pass);
  }
  if (!clientId) return undefined;
  const client = await h.core.services.cognito.getAppClient(h.core.ctx, clientId);
  if (client === null) return undefined;
  if (client.ClientSecret !== undefined && !sameSecret(client.ClientSecret, secret ?? '')) return undefined;
  return client;
}
