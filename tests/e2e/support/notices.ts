import { expect } from './fixtures';
import type { Mailbox } from './mailbox';

/** The notices with `subject` in `to`'s mailbox (the backend sends them through the devstack's). */
export async function notices(mailbox: Mailbox, to: string, subject: string) {
  return (await mailbox.list(to)).filter((item) => item.subject === subject);
}

/** Waits until `to` has exactly `count` notices with `subject` (sending follows the change closely). */
export async function expectNotices(mailbox: Mailbox, to: string, subject: string, count: number) {
  await expect.poll(async () => (await notices(mailbox, to, subject)).length).toBe(count);
}
