import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  configTableMarkdown,
  DOCS_COMMAND,
  TABLE_END,
  TABLE_START,
  withConfigTable,
} from '../../../scripts/configTable';
import { CONFIG_ENV_VARS, settingLeaves } from '../../../src/main/core/config';

const README = new URL('../../../README.md', import.meta.url);

describe("README.md's configuration table", () => {
  it('is the one the settings table generates', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme, `README.md's configuration table is out of date: run \`${DOCS_COMMAND}\``).toBe(
      withConfigTable(readme),
    );
  });

  it('has a row naming every setting and every variable the app reads', () => {
    const table = configTableMarkdown();
    for (const { path } of settingLeaves()) expect(table).toContain(`(\`${path.join('.')}\`)`);
    for (const name of CONFIG_ENV_VARS.filter((name) => name !== 'GATEHOUSE_CONFIG'))
      expect(table).toContain(`\`${name}\``);
    expect(table.split('\n')).toHaveLength(settingLeaves().length + 2);
  });

  it('shows the devstack default a development run really gets', () => {
    expect(configTableMarkdown()).toContain(
      '| `GATEHOUSE_COGNITO_ENDPOINT` (`cognitoEndpoint`) | user-pool API endpoint | `http://127.0.0.1:9229/`;',
    );
    expect(configTableMarkdown()).toContain('(`passwordPolicy.minLength`) |');
  });

  it('puts back a deleted row and leaves the text around the markers alone', () => {
    const readme = `# Title\n\nintro\n\n${TABLE_START}\n${configTableMarkdown()}\n${TABLE_END}\n\nafter\n`;
    const withoutRow = readme.replace(/^\| `GATEHOUSE_API_URL`.*\n/m, '');
    expect(withoutRow).not.toBe(readme);
    expect(withConfigTable(withoutRow)).toBe(readme);
  });

  it('refuses a README without the markers', () => {
    expect(() => withConfigTable('# no table here\n')).toThrow(/config-table:start/);
  });
});
