// electron-builder afterPack hook: flips the Electron fuses on the packed binary and, on Linux, writes
// the desktop entry electron-builder itself generates (the one deb and AppImage embed) next to the
// unpacked app, so it can be checked and used where those targets cannot be built.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { flipFuses } from '@electron/fuses';
import { FUSE_SENTINEL, GATEHOUSE_FUSES } from './fuses.mjs';

const require = createRequire(import.meta.url);

/** Path of the Electron binary inside the packed app, per platform. */
function binaryOf(context) {
  const { packager, appOutDir, electronPlatformName } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

/** Flips the fuses; a binary without a fuse wire is refused unless the test said it is a placeholder. */
async function flip(context) {
  const binary = binaryOf(context);
  const macApp = binary.endsWith('.app');
  const executable = macApp
    ? join(binary, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework')
    : binary;
  if (!readFileSync(executable).includes(FUSE_SENTINEL)) {
    if (process.env.GATEHOUSE_PLACEHOLDER_ELECTRON === '1') {
      process.stdout.write(`fuses: SKIPPED — ${executable} is a placeholder without a fuse wire\n`);
      return;
    }
    throw new Error(`fuses: ${executable} has no fuse wire; refusing to ship an unfused Electron`);
  }
  await flipFuses(binary, {
    ...GATEHOUSE_FUSES,
    resetAdHocDarwinSignature: macApp && process.arch === 'arm64',
  });
  process.stdout.write(`fuses: flipped on ${binary}\n`);
}

/** The packager's own desktop entry (Exec, Icon, MimeType=x-scheme-handler/<scheme>). */
async function writeDesktopEntry(context) {
  const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');
  const helper = new LinuxTargetHelper(context.packager);
  const destination = join(context.outDir, `${context.packager.executableName}.desktop`);
  await helper.writeDesktopEntry(context.packager.platformSpecificBuildOptions, undefined, destination);
}

/** The hook itself. */
export default async function afterPack(context) {
  await flip(context);
  if (context.electronPlatformName === 'linux') await writeDesktopEntry(context);
}
