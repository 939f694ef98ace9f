import type { FastifyBaseLogger } from 'fastify';
import type { MailPort } from './mailPort.js';

/**
 * Security notices: mails the backend sends after it has seen a change to the account happen. A
 * notice that cannot be sent is logged, never turned into a failed request: the change itself is done.
 */
export interface SecurityNotices {
  /** The profile moved to a new verified e-mail: the old address is told, in case it was not its owner. */
  emailChanged(change: { from: string; to: string }): Promise<void>;
}

/** The subject of the e-mail-changed notice (tests look for it in the mailbox). */
export const EMAIL_CHANGED_SUBJECT = 'Your Gatehouse email address was changed';

/** `n***@example.com`: enough for the owner to recognise, not the whole new address. */
function masked(email: string): string {
  const at = email.indexOf('@');
  return at < 1 ? 'a new address' : `${email[0]}***${email.slice(at)}`;
}

/** Creates the notices over a mail port. */
export function createSecurityNotices(mail: MailPort, log: FastifyBaseLogger): SecurityNotices {
  const send = async (kind: string, to: string, subject: string, text: string) => {
    try {
      await mail.send({ to, subject, text });
      log.info({ event: 'security_notice_sent', kind }, 'security notice sent');
    } catch (error) {
      log.warn({ event: 'security_notice_failed', kind, err: error }, 'security notice could not be sent');
    }
  };
  return {
    emailChanged: ({ from, to }) =>
      send(
        'email_changed',
        from,
        EMAIL_CHANGED_SUBJECT,
        `The email address of your Gatehouse account was changed to ${masked(to)}. ` +
          'This address no longer signs you in. If you did not make this change, reset your password ' +
          'and contact whoever runs your Gatehouse.',
      ),
  };
}
