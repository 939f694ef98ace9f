// The one electron-builder configuration. `npm run package` (scripts/package.ts) adds what comes from
// the baked config — the deep-link scheme in `protocols` — and the Electron distribution to use.
import { fileURLToPath } from 'node:url';
import afterPack from './packaging/afterPack.mjs';
import { installTimeOnlyPackages } from './packaging/installTimeOnly.mjs';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'dev.gatehouse.desktop',
  productName: 'Gatehouse',
  executableName: 'gatehouse',
  copyright: 'Copyright © Gatehouse contributors',
  directories: { output: 'dist', buildResources: 'packaging' },
  // app.asar holds only what the app runs: the built out/ (no source maps), package.json and the
  // production dependencies electron-builder adds itself; keytar's build leftovers and the packages
  // it needs only to install (prebuild-install, tar-fs, node-addon-api, …) are dropped.
  files: [
    'out/**/*',
    '!out/**/*.map',
    'package.json',
    '!**/node_modules/keytar/{src,build/Release/obj.target,build/Release/.deps,build/*.mk,build/Makefile,build/config.gypi,build/binding.Makefile,build/keytar.target.mk,build/node_gyp_bins}{,/**/*}',
    '!**/node_modules/*/{test,tests,__tests__,docs,example,examples,coverage}{,/**/*}',
    // React Native and browser builds of the Cognito SDK; Node loads lib/.
    '!**/node_modules/amazon-cognito-identity-js/{android,ios,src,es,dist}{,/**/*}',
    '!**/node_modules/**/*.{md,map,ts,cc,h,gyp,gypi}',
    '!**/node_modules/**/*.d.ts',
    ...installTimeOnlyPackages(projectRoot).map((path) => `!node_modules/${path}{,/**/*}`),
  ],
  asar: true,
  // Native code cannot load from inside an asar archive (electron-builder's smart unpack does this too).
  asarUnpack: ['**/node_modules/keytar/**/*.node'],
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'packaging/icons',
    category: 'Utility',
    synopsis: 'Sign in to your team’s apps',
    desktop: { entry: { StartupWMClass: 'Gatehouse' } },
  },
  deb: { depends: ['libsecret-1-0', 'libnotify4', 'libxss1', 'libnss3'] },
  mac: {
    target: ['dmg', 'zip'],
    icon: 'packaging/icon.png',
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
  },
  win: { target: ['nsis'], icon: 'packaging/icon.png' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
