import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  configTableMarkdown,
  DOCS_COMMAND,
  SERVER_TABLE_START,
  serverConfigTableMarkdown,
  TABLE_END,
  TABLE_START,
  withConfigTable,
  withServerConfigTable,
} from '../../../scripts/configTable';
import { loadServerConfig, SERVER_SETTINGS } from '../../../server/config';
import { CONFIG_ENV_VARS, SETTING_ROWS } from '../../../src/main/core/config';

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
    for (const [, { fileKey }] of SETTING_ROWS) expect(table).toContain(`(\`${fileKey}\`)`);
    for (const name of CONFIG_ENV_VARS.filter((name) => name !== 'GATEHOUSE_CONFIG'))
      expect(table).toContain(`\`${name}\``);
    expect(table.split('\n')).toHaveLength(SETTING_ROWS.length + 2);
  });

  it('shows the devstack default a development run really gets', () => {
    expect(configTableMarkdown()).toContain(
      '| `GATEHOUSE_COGNITO_ENDPOINT` (`cognitoEndpoint`) | user-pool API endpoint | `http://127.0.0.1:9231/`;',
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

describe("server/README.md's configuration table", () => {
  const SERVER_README = new URL('../../../server/README.md', import.meta.url);

  it('is the one SERVER_SETTINGS generates', () => {
    const readme = readFileSync(SERVER_README, 'utf8');
    expect(readme, `server/README.md's configuration table is out of date: run \`${DOCS_COMMAND}\``).toBe(
      withServerConfigTable(readme),
    );
  });

  it('has one row per variable the server reads, with the default the server really applies', () => {
    const table = serverConfigTableMarkdown();
    expect(table.split('\n')).toHaveLength(Object.keys(SERVER_SETTINGS).length + 2);
    const config = loadServerConfig({ SERVER_DEVSTACK: '1', NODE_ENV: 'development' });
    expect(table).toContain(`| \`SERVER_PORT\` | \`${config.port}\` |`);
    expect(table).toContain(`| \`RATE_LIMIT_IP_MAX\` | \`${config.rateLimit.perIpMax}\` |`);
    expect(table).toContain(`| \`LOG_LEVEL\` | \`${config.logLevel}\` |`);
  });

  it('puts back a deleted row', () => {
    const readme = `intro\n${SERVER_TABLE_START}\n${serverConfigTableMarkdown()}\n${TABLE_END}\nafter\n`;
    const withoutRow = readme.replace(/^\| `TRUSTED_PROXIES`.*\n/m, '');
    expect(withoutRow).not.toBe(readme);
    expect(withServerConfigTable(withoutRow)).toBe(readme);
  });
});
