// `npm run docs:config`: rewrites the configuration tables of README.md and server/README.md from
// their settings tables.
import { readFileSync, writeFileSync } from 'node:fs';
import { withConfigTable, withServerConfigTable } from './configTable';

for (const [readme, rewrite] of [
  ['README.md', withConfigTable],
  ['server/README.md', withServerConfigTable],
] as const) {
  const before = readFileSync(readme, 'utf8');
  const after = rewrite(before);
  if (after === before) {
    console.log(`docs:config: ${readme} is up to date`);
  } else {
    writeFileSync(readme, after);
    console.log(`docs:config: rewrote the configuration table in ${readme}`);
  }
}
