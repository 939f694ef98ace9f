// `npm run docs:config`: rewrites the configuration table in README.md from the settings table.
import { readFileSync, writeFileSync } from 'node:fs';
import { withConfigTable } from './configTable';

const README = 'README.md';
const before = readFileSync(README, 'utf8');
const after = withConfigTable(before);
if (after === before) {
  console.log(`docs:config: ${README} is up to date`);
} else {
  writeFileSync(README, after);
  console.log(`docs:config: rewrote the configuration table in ${README}`);
}
