/**
 * The mail port on Amazon SES (API v2, `SendEmail` with simple content), used when `MAIL_FROM` is
 * configured. The task's IAM role grants `ses:SendEmail` on the sending identity only (infra/).
 * https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { MailPort } from './mailPort.js';

/** Where and as whom SES sends. */
export interface SesMailOptions {
  /** The verified SES identity the notices come from (`MAIL_FROM`). */
  from: string;
  region: string;
  /** Another endpoint than the region's (tests point it at a local stand-in). */
  endpoint?: string;
  /** Credentials other than the default chain's (the task role on ECS). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Creates the SES mail port; `close` releases the client's sockets. */
export function createSesMailPort(options: SesMailOptions): MailPort & { close(): void } {
  const client = new SESv2Client({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    // One attempt per notice: a failed notice is logged by the caller, never retried into a storm.
    maxAttempts: 1,
  });
  return {
    async send({ to, subject, text }) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [to] },
          Content: {
            Simple: {
              Subject: { Data: subject, Charset: 'UTF-8' },
              Body: { Text: { Data: text, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
    close: () => client.destroy(),
  };
}
