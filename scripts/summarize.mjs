// Prints the suite's one-line summary from the runners' JSON reports: tests plus the two checks
// (typecheck, lint) as one test each. Exits non-zero when anything failed or nothing ran.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
const read = (file) =>
  existsSync(join(dir, file)) ? JSON.parse(readFileSync(join(dir, file), 'utf8')) : null;
let passed = 0;
let failed = 0;
let skipped = 0;

const checks = existsSync(join(dir, 'checks.txt')) ? readFileSync(join(dir, 'checks.txt'), 'utf8') : '';
for (const name of ['typecheck', 'lint']) {
  if (checks.includes(`pass: ${name}`)) passed++;
  else failed++;
}

const vitest = read('vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numFailedTestSuites ?? 0);
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  console.log(
    `vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped`,
  );
} else {
  failed++;
  console.log('vitest: no report (the run did not complete)');
}

const e2e = read('e2e-results.json');
if (e2e) {
  const { expected, unexpected, skipped: e2eSkipped, flaky } = e2e.stats;
  passed += expected;
  failed += unexpected + flaky;
  skipped += e2eSkipped;
  console.log(`playwright: ${expected} passed, ${unexpected + flaky} failed, ${e2eSkipped} skipped`);
} else {
  failed++;
  console.log('playwright: no report (the run did not complete)');
}

console.log(`Gatehouse: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
