import { randomInt } from 'node:crypto';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { DeliveryDetails } from 'cognito-local/lib/services/messageDelivery/messageDelivery.js';
import type { Messages } from 'cognito-local/lib/services/messages.js';
import type { User } from 'cognito-local/lib/services/userPoolService.js';
import { JsonFile } from '../store/jsonFile.js';

/** One "e-mail" the devstack would have sent. */
export interface MailItem {
  to: string;
  subject: string;
  body: string;
  /** The code it carries; empty for a notice. */
  code: string;
  sentAt: string;
}

type MessageSource = Parameters<Messages['deliver']>[1];

/** Cognito's default wording per message source; `{####}` is the code placeholder, as in Cognito templates. */
const TEMPLATES: Record<MessageSource, { subject: string; body: string }> = {
  SignUp: { subject: 'Your verification code', body: 'Your verification code is {####}.' },
  ResendCode: { subject: 'Your verification code', body: 'Your verification code is {####}.' },
  ForgotPassword: { subject: 'Your password reset code', body: 'Your password reset code is {####}.' },
  VerifyUserAttribute: { subject: 'Your verification code', body: 'Your verification code is {####}.' },
  UpdateUserAttribute: { subject: 'Your verification code', body: 'Your verification code is {####}.' },
  AdminCreateUser: {
    subject: 'Your temporary password',
    body: 'Your username is {username} and temporary password is {####}.',
  },
  Authentication: { subject: 'Your authentication code', body: 'Your authentication code is {####}.' },
};

/** A fresh random 6-digit code, like Cognito's (never fixed, unlike cognito-local's `CODE` env). */
export function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * The dev mailbox: every code Cognito would e-mail is recorded here (persisted in the data
 * folder) and announced through `log`. It also plays cognito-local's `Messages` service, so the
 * code a user receives is exactly the one cognito-local stored and will check.
 */
export class Mailbox implements Messages {
  private readonly file: JsonFile<{ items: MailItem[] }>;

  constructor(
    path: string,
    private readonly log: (line: string) => void,
    /** Told about every code sent, so its age and wrong tries can be tracked (codeChecks.ts). */
    private readonly onCode: (userPoolId: string, username: string) => void = () => {},
  ) {
    this.file = new JsonFile(path, () => ({ items: [] }));
  }

  /** Messages, newest first, optionally only those sent to one address (case-insensitive). */
  list(to?: string): MailItem[] {
    const wanted = to?.toLowerCase();
    return this.file.data.items
      .filter((item) => wanted === undefined || item.to.toLowerCase() === wanted)
      .slice()
      .reverse();
  }

  /** The code in the newest message with a code sent to `to`, if any (notices carry none). */
  latestCode(to: string): string | undefined {
    return this.list(to).find((item) => item.code !== '')?.code;
  }

  /** Records and announces one message. */
  record(to: string, source: MessageSource, code: string, username: string): MailItem {
    const template = TEMPLATES[source];
    const item: MailItem = {
      to,
      subject: template.subject,
      body: template.body.replace('{####}', code).replace('{username}', username),
      code,
      sentAt: new Date().toISOString(),
    };
    this.file.data.items.push(item);
    this.file.save();
    this.log(`[mailbox] to ${to}: "${item.subject}" code ${code}`);
    return item;
  }

  /** Records a notice with no code (the backend's security mails, through its mail port). */
  notice(to: string, subject: string, body: string): MailItem {
    const item: MailItem = { to, subject, body, code: '', sentAt: new Date().toISOString() };
    this.file.data.items.push(item);
    this.file.save();
    this.log(`[mailbox] to ${to}: "${subject}"`);
    return item;
  }

  /** cognito-local's delivery hook: called wherever it would e-mail (or text) a code. */
  async deliver(
    _ctx: Context,
    source: MessageSource,
    _clientId: string | null,
    userPoolId: string,
    user: User,
    code: string,
    _clientMetadata: Record<string, string> | undefined,
    deliveryDetails: DeliveryDetails,
  ): Promise<void> {
    this.record(deliveryDetails.Destination, source, code, user.Username);
    this.onCode(userPoolId, user.Username);
  }
}
