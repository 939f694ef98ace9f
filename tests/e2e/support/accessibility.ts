import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import axe from 'axe-core';

/** What every screen is held to: WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices. */
export const AXE_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22a',
  'wcag22aa',
  'best-practice',
] as const;

/**
 * Runs axe on the page as it is now and returns its violations of `AXE_TAGS`, one readable line per
 * rule and element (e.g. `landmark-one-main [moderate] Document should have one main landmark: html`),
 * so a failing expectation says what to fix without opening a report.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // AxeBuilder sends axe-core's 0.5 MB source on every call, twice in legacy mode; on this shared
  // machine that was most of a snap's time. Send it once per page load, and hand AxeBuilder an
  // empty source: it then only configures and runs the axe already there.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  // Legacy mode runs axe in the page itself: the default mode opens a blank page in the same context
  // to merge frame results, which an Electron window cannot do; the app has no frames to merge.
  const { violations } = await new AxeBuilder({ page, axeSource: ';' })
    .withTags([...AXE_TAGS])
    .setLegacyMode()
    .analyze();
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} [${violation.impact ?? 'unknown'}] ${violation.help}: ${node.target.join(' ')}`,
    ),
  );
}
