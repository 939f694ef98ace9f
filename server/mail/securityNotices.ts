import type { FastifyBaseLogger } from 'fastify';
import type { MailPort } from './mailPort.js';

/**
 * Security notices: mails the backend sends after it has seen a change to the account happen. A
 * notice that cannot be sent is logged, never turned into a failed request: the change itself is done.
 */
export interface SecurityNotices {
  /** The profile moved to a new verified e-mail: the old address is told, in case it was not its owner. */
  emailChanged(change: { from: string; to: string }): Promise<void>;
  /** The password was changed (the app reports it; Cognito has no way to read it back). */
  passwordChanged(to: string): Promise<void>;
  /** Two-step verification was turned on or off (read from Cognito by the backend itself). */
  twoStepChanged(to: string, on: boolean): Promise<void>;
  /** A device Cognito remembers signed in, one the backend had not seen for this profile before. */
  newDeviceSignedIn(to: string, device: { name: string }): Promise<void>;
}

/** The subjects of the notices (tests look for them in the mailbox). */
export const EMAIL_CHANGED_SUBJECT = 'Your Gatehouse email address was changed';
export const PASSWORD_CHANGED_SUBJECT = 'Your Gatehouse password was changed';
export const TWO_STEP_ON_SUBJECT = 'Two-step verification was turned on for your Gatehouse account';
export const TWO_STEP_OFF_SUBJECT = 'Two-step verification was turned off for your Gatehouse account';
export const NEW_DEVICE_SUBJECT = 'A new device signed in to your Gatehouse account';

/** What every notice ends with: what to do when the change was not the reader's. */
const NOT_YOU =
  'If you did not make this change, reset your password and contact whoever runs your Gatehouse.';

/** `n***@example.com`: enough for the owner to recognise, not the whole new address. */
function masked(email: string): string {
  const at = email.indexOf('@');
  return at < 1 ? 'a new address' : `${email[0]}***${email.slice(at)}`;
}

/** Creates the notices over a mail port. */
export function createSecurityNotices(mail: MailPort, log: FastifyBaseLogger): SecurityNotices {
  const send = async (kind: string, to: string, subject: string, text: string) => {
    try {
      await mail.send({ to, subject, text: `${text} ${NOT_YOU}` });
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
          'This address no longer signs you in.',
      ),
    passwordChanged: (to) =>
      send(
        'password_changed',
        to,
        PASSWORD_CHANGED_SUBJECT,
        'The password of your Gatehouse account was just changed.',
      ),
    twoStepChanged: (to, on) =>
      on
        ? send(
            'two_step_on',
            to,
            TWO_STEP_ON_SUBJECT,
            'Two-step verification was turned on: signing in to your Gatehouse account now also asks for a code from an authenticator app.',
          )
        : send(
            'two_step_off',
            to,
            TWO_STEP_OFF_SUBJECT,
            'Two-step verification was turned off: signing in to your Gatehouse account now asks for the password only.',
          ),
    newDeviceSignedIn: (to, device) =>
      send(
        'new_device',
        to,
        NEW_DEVICE_SUBJECT,
        `A device we had not seen before ("${device.name}") signed in to your Gatehouse account.`,
      ),
  };
}
