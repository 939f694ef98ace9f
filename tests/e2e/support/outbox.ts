import type { SmsItem } from '../../../devstack/index';

/** Reads the codes the devstack "texted" (`GET /_dev/outbox?to=`, newest first). */
export async function waitForTextedCode(
  cognitoUrl: string,
  to: string,
  since = new Date(0),
): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${cognitoUrl}/_dev/outbox?to=${encodeURIComponent(to)}`);
    if (!response.ok) throw new Error(`outbox answered ${response.status}`);
    const fresh = ((await response.json()) as SmsItem[]).find((item) => new Date(item.sentAt) >= since);
    if (fresh) return fresh.code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no code was texted to ${to}`);
}

/** US area codes in use, so every number made here passes libphonenumber-js's validation. */
const AREA_CODES = ['201', '202', '212', '213', '305', '312', '415', '503', '617', '718'];

/** A fresh number in the fictional 555-01xx range, as E.164 and as a person might type it. */
export function newPhone(): { e164: string; typed: string } {
  const area = AREA_CODES[Math.floor(Math.random() * AREA_CODES.length)];
  const line = `01${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
  return { e164: `+1${area}555${line}`, typed: `+1 (${area}) 555-${line}` };
}
