import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromiumHost/chromium';

/**
 * One set of spec files, two hosts. `chromium`: the built renderer in Debian's Chromium with the
 * real main core in the test process (runs everywhere). `electron`: the built Electron app (runs
 * where the Electron binary exists; elsewhere each test reports itself skipped with the reason).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './tests/e2e/support/globalSetup.ts',
  // One local stack and two cores: specs run one at a time, which keeps this 2-core machine sane.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // Generous: a whole flow takes ~25 s on an idle 2-core machine and 4× that under load.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium' }, { name: 'electron' }],
});
