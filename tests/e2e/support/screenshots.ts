import type { Page } from '@playwright/test';

/** Saves the current screen in light and dark under `test-results/screenshots/<name>-{light,dark}.png`. */
export async function snapBothThemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/screenshots/${name}-${colorScheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: null });
}
