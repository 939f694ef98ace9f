// Which production packages run only at install time, so app.asar can leave them out. keytar's
// runtime is its compiled keytar.node (lib/keytar.js requires nothing else); its `dependencies`
// fetch or build that binary (prebuild-install and its download/untar tree, node-addon-api's headers).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Production packages whose declared dependencies are needed only to install them. */
export const INSTALL_TIME_DEPENDENCIES = { keytar: ['prebuild-install', 'node-addon-api'] };

/** The directory of package `name` as Node resolves it from `fromDir`, or undefined if absent. */
function resolvePackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function manifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** Every package directory reachable from `roots` through runtime dependencies, skipping `cut` edges. */
function closure(roots, fromDir, cut) {
  const seen = new Set();
  const visit = (name, from) => {
    const dir = resolvePackage(name, from);
    if (!dir || seen.has(dir)) return;
    seen.add(dir);
    const { dependencies = {}, optionalDependencies = {} } = manifest(dir);
    for (const dep of Object.keys({ ...dependencies, ...optionalDependencies })) {
      if (!cut(name, dep)) visit(dep, dir);
    }
  };
  for (const root of roots) visit(root, fromDir);
  return seen;
}

/**
 * Names of the packages (relative to node_modules, e.g. `tar-fs`) that production dependencies
 * pull in only through install-time edges: what the app would ship but never load.
 */
export function installTimeOnlyPackages(projectRoot) {
  const roots = Object.keys(manifest(projectRoot).dependencies ?? {});
  const installTime = (from, dep) => INSTALL_TIME_DEPENDENCIES[from]?.includes(dep) ?? false;
  const everything = closure(roots, projectRoot, () => false);
  const running = closure(roots, projectRoot, installTime);
  const prefix = join(projectRoot, 'node_modules');
  return [...everything]
    .filter((dir) => !running.has(dir))
    .map((dir) => dir.slice(prefix.length + 1))
    .sort();
}
