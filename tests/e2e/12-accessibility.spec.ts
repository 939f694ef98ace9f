import { axeViolations } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { screen } from './support/flows';

/**
 * Every screen state the suite screenshots is checked with axe by `snap` (support/flows.ts), in both
 * colour schemes. This spec holds the checker itself: it must see the landmark problems the
 * signed-out screens had before their layout became a `<main>`, and see none on the real screen.
 */
test('the axe check passes the sign-in screen and fails it once its <main> is gone', async ({ app }) => {
  await expect(screen(app, 'sign-in')).toBeVisible();
  expect(await axeViolations(app)).toEqual([]);

  // Turn the layout's <main> back into the <div> it used to be, children and all.
  await app.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) throw new Error('the sign-in screen has no <main>');
    const div = document.createElement('div');
    div.className = main.className;
    div.append(...main.childNodes);
    main.replaceWith(div);
  });
  const rules = (await axeViolations(app)).map((line) => line.split(' ')[0]);
  expect(rules).toContain('landmark-one-main');
  expect(rules).toContain('region');
});
