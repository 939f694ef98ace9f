/**
 * The backend's way to e-mail a user: a port, so the same notices go through the devstack's
 * mailbox locally and through a real provider (Amazon SES) when deployed.
 */

/** One plain-text e-mail. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; rejects when the message could not be handed over. */
export interface MailPort {
  send(mail: Mail): Promise<void>;
}
