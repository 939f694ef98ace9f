import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSesMailPort } from '../../mail/sesMail.js';

// Amazon SES cannot be reached here, so a loopback HTTP server stands in for its endpoint: the real
// AWS SDK v3 client serializes and signs the request, and the stand-in checks what SES would read
// (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html:
// POST /v2/email/outbound-emails, JSON body, SigV4 for service "ses").

interface Seen {
  method: string;
  url: string;
  authorization: string;
  body: Record<string, unknown>;
}
const seen: Seen[] = [];
let failNext = false;
const server = createServer(async (req: IncomingMessage, res) => {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  seen.push({
    method: req.method ?? '',
    url: req.url ?? '',
    authorization: String(req.headers.authorization ?? ''),
    body: JSON.parse(raw || '{}'),
  });
  if (failNext) {
    failNext = false;
    res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' });
    res.end(JSON.stringify({ message: 'Email address is not verified.' }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ MessageId: 'test-message-1' }));
});
let endpoint: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const port = () =>
  createSesMailPort({
    from: 'security@gatehouse.example',
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });

describe('SES mail port', () => {
  it('sends one SendEmail with the simple text content, signed for ses in the region', async () => {
    const mail = port();
    await mail.send({ to: 'ada@example.com', subject: 'Your password was changed', text: 'Hello Ada.' });
    mail.close();
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v2/email/outbound-emails');
    expect(request?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/ses\/aws4_request/,
    );
    expect(request?.body).toEqual({
      FromEmailAddress: 'security@gatehouse.example',
      Destination: { ToAddresses: ['ada@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Your password was changed', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Hello Ada.', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('rejects when SES refuses the message (the notices log it; the change itself stands)', async () => {
    const mail = port();
    failNext = true;
    const before = seen.length;
    await expect(mail.send({ to: 'ada@example.com', subject: 's', text: 't' })).rejects.toMatchObject({
      name: 'MessageRejected',
    });
    // One attempt only: no retry storm against a refusing provider.
    expect(seen.length).toBe(before + 1);
    mail.close();
  });
});
