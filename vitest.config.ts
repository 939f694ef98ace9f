import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing running; `integration` starts real services
// (devstack, backend, databases, a Secret Service) from inside its tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Projects with different worker limits must run as separate groups: unit first.
          sequence: { groupOrder: 0 },
          include: [
            'tests/unit/**/*.test.ts',
            'server/test/unit/**/*.test.ts',
            'devstack/test/unit/**/*.test.ts',
            // CDK synthesis and template assertions: offline, no Docker, no AWS credentials.
            'infra/test/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: [
            'tests/integration/**/*.test.ts',
            'server/test/integration/**/*.test.ts',
            'devstack/test/integration/**/*.test.ts',
            // The devstack judged by the clients real apps use (AWS SDK v3, aws-jwt-verify, openid-client).
            'devstack/test/conformance/**/*.test.ts',
            // The session under injected network faults and crashes (a loopback proxy; SIGKILLed child cores).
            'tests/faults/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Integration files start their own servers on ephemeral ports; keep CPU use sane on 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
