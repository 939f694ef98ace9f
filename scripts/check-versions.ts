// `npm run check:versions`: is the pinned Electron still supported, and does the project's Node
// match the one it embeds? Asks the npm registry through npm itself (its configuration applies).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { judgeVersions } from './versionSupport';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
const pinnedElectron = pkg.devDependencies.electron ?? '';
const projectNodeMajor = Number.parseInt(readFileSync('.nvmrc', 'utf8'), 10);

let latestElectron: string;
try {
  const { stdout } = await promisify(execFile)('npm', ['view', 'electron', 'dist-tags.latest'], {
    timeout: 30_000,
  });
  latestElectron = stdout.trim();
  if (!latestElectron) throw new Error('empty answer');
} catch (error) {
  console.log(`check:versions: could not reach the registry (${(error as Error).message.split('\n')[0]})`);
  process.exit(0);
}

const report = judgeVersions({ pinnedElectron, latestElectron, projectNodeMajor });
for (const line of report.lines) console.log(line);
process.exit(report.ok ? 0 : 1);
