import { JsonFile } from '../store/jsonFile.js';

/** One text message the devstack would have sent. */
export interface SmsItem {
  /** The phone number, E.164. */
  to: string;
  body: string;
  code: string;
  sentAt: string;
}

/**
 * The dev SMS outbox, beside the mailbox: every code Cognito would text is recorded here (persisted
 * in the data folder) and announced through `log`, never sent to a network.
 */
export class SmsOutbox {
  private readonly file: JsonFile<{ items: SmsItem[] }>;

  constructor(
    path: string,
    private readonly log: (line: string) => void,
  ) {
    this.file = new JsonFile(path, () => ({ items: [] }));
  }

  /** Messages, newest first, optionally only those sent to one number. */
  list(to?: string): SmsItem[] {
    return this.file.data.items
      .filter((item) => to === undefined || item.to === to)
      .slice()
      .reverse();
  }

  /** The code in the newest message sent to `to`, if any. */
  latestCode(to: string): string | undefined {
    return this.list(to)[0]?.code;
  }

  /** Records and announces one text with Cognito's default authentication wording. */
  record(to: string, code: string): SmsItem {
    const item: SmsItem = {
      to,
      body: `Your authentication code is ${code}.`,
      code,
      sentAt: new Date().toISOString(),
    };
    this.file.data.items.push(item);
    this.file.save();
    this.log(`[outbox] to ${to}: code ${code}`);
    return item;
  }
}
