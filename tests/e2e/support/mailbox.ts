import type { MailItem } from '../../../devstack/index';

/** Reads the codes the devstack "e-mailed" (`GET /_dev/mailbox?to=`, newest first). */
export function createMailbox(cognitoUrl: string) {
  const list = async (to: string): Promise<MailItem[]> => {
    const response = await fetch(`${cognitoUrl}/_dev/mailbox?to=${encodeURIComponent(to)}`);
    if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
    return (await response.json()) as MailItem[];
  };
  return {
    list,
    /** The newest code (notices carry none) sent to `to` after `since` (polls briefly: sending is asynchronous in spirit). */
    async waitForCode(to: string, since = new Date(0)): Promise<string> {
      for (let attempt = 0; attempt < 50; attempt++) {
        const fresh = (await list(to)).find((item) => item.code !== '' && new Date(item.sentAt) >= since);
        if (fresh) return fresh.code;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no code was mailed to ${to}`);
    },
  };
}

export type Mailbox = ReturnType<typeof createMailbox>;
