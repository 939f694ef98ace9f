import type { Locator, Page } from '@playwright/test';
import { totpCode } from '../../../lib/totp';
import { expect } from './fixtures';

/**
 * The "authenticator app" of the e2e specs: the devstack's RFC 6238 generator fed the key the setup
 * screen shows (as a person would type it). The server accepts the previous, current and next
 * 30-second code, each once, so a flow uses -1, 0 and +1 in turn and never waits for the clock —
 * except in the last second of a step, when -1 would expire on the way.
 */
export function authenticator(groupedKey: string) {
  const secret = groupedKey.replace(/\s/g, '');
  return async (steps = 0) => {
    const intoStep = Date.now() % 30_000;
    if (steps < 0 && intoStep > 28_000) await new Promise((r) => setTimeout(r, 30_500 - intoStep));
    return totpCode(secret, Date.now() + steps * 30_000);
  };
}

/**
 * From the home screen: Set up, the authenticator's name (the offered one unless `name` is given),
 * Continue; returns the setup form with its QR code and key.
 */
export async function openTwoStepSetup(app: Page, name?: string): Promise<Locator> {
  await app.getByTestId('two-step-row').getByRole('button', { name: 'Set up' }).click();
  const naming = app.getByTestId('two-step-name');
  if (name !== undefined) await naming.getByLabel('Name for this authenticator').fill(name);
  await naming.getByRole('button', { name: 'Continue' }).click();
  return app.getByTestId('two-step-setup');
}

/** From the home screen: sets up two-step verification with the code of step -1; answers the authenticator. */
export async function turnOnTwoStep(app: Page, name?: string): Promise<ReturnType<typeof authenticator>> {
  const row = app.getByTestId('two-step-row');
  const setup = await openTwoStepSetup(app, name);
  const code = authenticator((await setup.getByTestId('two-step-secret').textContent()) ?? '');
  await setup.getByLabel('6-digit code').fill(await code(-1));
  await setup.getByRole('button', { name: 'Turn on' }).click();
  await expect(row).toContainText('Two-step verification is on.');
  return code;
}
