/**
 * What each folder may import: the one table `npm run lint` checks (scripts/check-imports.ts).
 * Nothing is allowed by default, as in VS Code's layering rules: a file obeys the rule of the longest
 * folder (or file) below that contains it, and every import it makes — `import`, `export … from`,
 * `import()`, `require()`, `import('…')` types — must land in a listed folder or file, name a listed
 * npm package (any subpath), or be a Node builtin where `builtins` allows them. A file no rule
 * covers is an error too: add its folder here, saying what it may use and why.
 */

/** One folder's allow-list. */
export interface ImportRule {
  /** Repository-relative folder or file the rule covers; `.` is the files at the repository root. */
  folder: string;
  /** Repository-relative folders or files its files may import (itself included only if listed). */
  folders: readonly string[];
  /** npm packages it may import, with any subpath. */
  packages: readonly string[];
  /** Whether Node's builtin modules (`node:fs`, `path`, …) are allowed. */
  builtins: boolean;
  /** The way to go instead, shown with every refused import. */
  route: string;
}

// @aws-sdk/client-sesv2: the security notices' SES mail port (server/mail/sesMail.ts).
// @aws-sdk/client-cognito-identity-provider: Admin* calls with the task role (server/signUps/).
const SERVER_PACKAGES = [
  '@aws-sdk/client-sesv2',
  '@aws-sdk/client-cognito-identity-provider',
  'fastify',
  '@fastify/rate-limit',
  'better-sqlite3',
  'pg',
  'pino',
  'jose',
  'zod',
  'esbuild',
];
// @simplewebauthn/server: the devstack verifies passkey attestations and assertions with a kept library, not hand-written CBOR/COSE.
// SAML: @node-saml/node-saml plays Cognito's service-provider side; xml-crypto signs the fake IdP's
// responses; @xmldom/xmldom reads AuthnRequests and metadata; @peculiar/x509 (with its polyfill
// reflect-metadata) makes the fake IdP's certificate for each run. No hand-written XML signing.
const DEVSTACK_PACKAGES = [
  'cognito-local',
  'oidc-provider',
  'jose',
  'pino',
  'zod',
  '@simplewebauthn/server',
  '@node-saml/node-saml',
  'xml-crypto',
  '@xmldom/xmldom',
  '@peculiar/x509',
  'reflect-metadata',
];

export const IMPORT_RULES: readonly ImportRule[] = [
  {
    folder: 'src/shared',
    folders: ['src/shared'],
    // Not libphonenumber-js: its metadata (~30 KiB gzipped) would land in the renderer bundle; main reads numbers.
    packages: ['zod'],
    builtins: false,
    route:
      'src/shared is read by every process, the renderer page included: plain TypeScript and zod only. Code that needs Node or Electron, or a heavy library such as libphonenumber-js, belongs in src/main/core, its result crosses src/shared/ipc/contract.ts.',
  },
  {
    folder: 'src/main',
    folders: ['src/main/electron'],
    packages: [],
    builtins: false,
    route: 'src/main/index.ts only starts the Electron shell (src/main/electron).',
  },
  {
    folder: 'src/main/core',
    folders: ['src/main/core', 'src/shared', 'lib'],
    // libphonenumber-js: validates, normalises and formats phone numbers (src/main/core/accounts/phoneNumber.ts).
    packages: ['amazon-cognito-identity-js', 'axios', 'qr', 'zod', 'libphonenumber-js'],
    builtins: true,
    route:
      'src/main/core is Electron-free and knows nothing of the devstack that stands in for AWS: declare what it needs in src/main/core/ports.ts and pass it in from src/main/electron; neutral helpers go in lib/.',
  },
  {
    folder: 'src/main/electron',
    folders: ['src/main/electron', 'src/main/core', 'src/shared'],
    packages: ['electron'],
    builtins: true,
    route:
      'The Electron shell only wires src/main/core to Electron: logic goes in src/main/core, what the renderer shares in src/shared.',
  },
  {
    folder: 'src/main/keychainWorker',
    // Types only from the protocol: plain Node runs the worker's source as it is (chromiumHost/keychainWorker.ts).
    folders: ['src/main/core/keychain/workerProtocol.ts'],
    packages: [],
    builtins: true,
    route:
      'The keychain worker is keytar in a process of its own: it answers the requests of src/main/core/keychain/workerProtocol.ts and nothing else.',
  },
  {
    folder: 'src/preload',
    folders: ['src/preload', 'src/shared'],
    packages: ['electron'],
    builtins: false,
    route:
      "The preload runs sandboxed: it builds window.gatehouse from src/shared/ipc/contract.ts over Electron's ipcRenderer; work that needs Node or the core belongs in main.",
  },
  {
    folder: 'src/renderer',
    // bridge.ts for its GatehouseApi type (window.gatehouse); never src/preload/index.ts, which loads Electron.
    folders: ['src/renderer', 'src/shared', 'src/preload/bridge.ts'],
    packages: ['react', 'react-dom', 'zod'],
    builtins: false,
    route:
      'The renderer is a sandboxed web page without Node or Electron: it reaches main only through window.gatehouse (add a channel to src/shared/ipc/contract.ts); shared types and rules belong in src/shared.',
  },
  {
    folder: 'lib',
    folders: ['lib'],
    packages: [],
    builtins: true,
    route:
      'lib/ is neutral Node code shared by the app, the devstack and the tests: it knows nothing of Gatehouse, so it imports only Node and itself.',
  },
  {
    folder: 'server',
    // infra/triggers: the pre-sign-up trigger's rule of who holds an e-mail (one rule for both).
    folders: ['server', 'src/shared', 'infra/triggers'],
    packages: SERVER_PACKAGES,
    builtins: true,
    route:
      "The backend is its own program: it shares only src/shared (API schemas, loopback hosts) with the app, never the app's main process or Electron.",
  },
  {
    folder: 'server/test',
    // bench/cluster: the short versions of the soak's fault scenarios run on the same 3-instance harness.
    folders: ['server', 'src/shared', 'lib', 'devstack', 'bench/cluster'],
    packages: [...SERVER_PACKAGES, 'vitest', 'fast-check', 'amazon-cognito-identity-js'],
    builtins: true,
    route:
      "The backend's tests drive it with the devstack's tokens; the app's main process is not theirs to import.",
  },
  {
    folder: 'devstack',
    // infra/triggers: the devstack runs the deployed pool's own Lambda triggers, through the AWS SDK's client.
    folders: ['devstack', 'src/shared', 'lib', 'server', 'infra/triggers'],
    packages: [...DEVSTACK_PACKAGES, '@aws-sdk/client-cognito-identity-provider'],
    builtins: true,
    route:
      'The devstack stands in for AWS and Google: it shares the pool definition and contract (src/shared) and neutral code (lib/) and runs the backend (server), but never imports the app it stands in for.',
  },
  {
    folder: 'devstack/test',
    folders: ['devstack', 'src/shared', 'lib', 'server', 'chromiumHost'],
    packages: [
      ...DEVSTACK_PACKAGES,
      'vitest',
      '@playwright/test',
      '@aws-sdk/client-cognito-identity-provider',
      'amazon-cognito-identity-js',
      'aws-jwt-verify',
      'openid-client',
    ],
    builtins: true,
    route:
      "The devstack is judged by the clients real apps use (AWS SDK, aws-jwt-verify, openid-client), not by Gatehouse's own core.",
  },
  {
    folder: 'infra',
    folders: ['infra', 'src/shared'],
    packages: ['aws-cdk-lib', 'constructs', 'zod'],
    builtins: true,
    route:
      "The CDK app deploys the pool defined in src/shared/poolDefinition.ts; the app's own config loader checks the file infra:config writes when the app starts.",
  },
  {
    folder: 'infra/triggers',
    // The Lambda runtime provides the AWS SDK v3; the devstack runs the same module as its trigger.
    folders: ['infra/triggers', 'src/shared'],
    packages: ['@aws-sdk/client-cognito-identity-provider'],
    builtins: false,
    route:
      "The user pool's Lambda triggers: plain TypeScript over the AWS SDK's Cognito client and the pool definition, run by Lambda and by the devstack alike.",
  },
  {
    folder: 'infra/test',
    folders: ['infra', 'src/shared', 'src/main/core', 'devstack'],
    packages: ['aws-cdk-lib', 'constructs', 'zod', 'vitest'],
    builtins: true,
    route: 'The infra tests check that the deployed pool agrees with the app and the devstack.',
  },
  {
    folder: 'chromiumHost',
    folders: ['chromiumHost', 'src/main/core', 'src/shared', 'src/preload/bridge.ts', 'devstack'],
    packages: ['@playwright/test', 'esbuild'],
    builtins: true,
    route:
      'chromiumHost joins the real renderer in Chromium to the real src/main/core for tests, through the preload bridge factory; the Electron shell is not part of it.',
  },
  {
    folder: 'chromiumHost/pageBridge.ts',
    folders: ['src/preload/bridge.ts', 'src/shared'],
    packages: [],
    builtins: false,
    route:
      "pageBridge.ts runs in the test page in the preload's place: the bridge factory and the contract only.",
  },
  {
    folder: 'tests',
    folders: ['tests', 'src', 'lib', 'devstack', 'server', 'chromiumHost', 'bench', 'scripts', 'packaging'],
    packages: [
      'vitest',
      '@playwright/test',
      '@axe-core/playwright',
      'axe-core',
      '@electron/asar',
      '@electron/fuses',
      'amazon-cognito-identity-js',
      // Admin calls to the devstack (AdminCreateUser, …) signed the way a real AWS client signs them.
      '@aws-sdk/client-cognito-identity-provider',
      'axios',
      'qr',
      'react',
      'react-dom',
      'fast-check',
      // The contract's phone shape check is held against every country's example number.
      'libphonenumber-js',
    ],
    builtins: true,
    route: 'Tests reach the parts they test; they import no Electron (chromiumHost stands in for it).',
  },
  {
    folder: 'bench',
    folders: ['bench', 'src/main/core', 'src/shared', 'lib', 'server', 'devstack', 'chromiumHost'],
    // The peers (bench/peers) are what a team would otherwise write: Express + aws-jwt-verify, Fastify + jose.
    packages: [
      '@playwright/test',
      'autocannon',
      'jose',
      'express',
      'aws-jwt-verify',
      'fastify',
      'pg',
      'better-sqlite3',
    ],
    builtins: true,
    route: 'Benchmarks drive the real parts they measure.',
  },
  {
    folder: 'scripts',
    folders: [
      'scripts',
      'src/main/core',
      'src/shared',
      'src/renderer',
      'server',
      'devstack',
      'chromiumHost',
      'electron-builder.config.mjs',
    ],
    packages: ['electron-builder', 'typescript'],
    builtins: true,
    route: 'Scripts drive the parts they build, start or document.',
  },
  {
    folder: 'packaging',
    folders: ['packaging'],
    packages: ['@electron/fuses', 'app-builder-lib'],
    builtins: true,
    route: 'Packaging hooks run inside electron-builder and use only its libraries.',
  },
  {
    folder: '.',
    folders: ['chromiumHost', 'packaging'],
    packages: [
      'vitest',
      '@playwright/test',
      'electron-vite',
      'vite',
      '@vitejs/plugin-react',
      'electron-builder',
    ],
    builtins: true,
    route: 'Root files configure the tools.',
  },
];
