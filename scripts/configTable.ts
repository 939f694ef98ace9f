// The configuration tables of README.md (the app: src/main/core/config/settings.ts) and server/README.md
// (the backend: SERVER_SETTINGS in server/config.ts), generated so that neither can drift from its
// settings: `npm run docs:config` writes them, a unit test fails when a README differs.
import { SERVER_SETTINGS } from '../server/config';
import { loadConfig, SETTING_ROWS, valueAt } from '../src/main/core/config';
import type { SettingRow } from '../src/shared/settingsTable';

/** The command that rewrites the table. */
export const DOCS_COMMAND = 'npm run docs:config';
/** The markers around the generated table in README.md. */
export const TABLE_START = `<!-- config-table:start: generated from src/main/core/config/settings.ts by \`${DOCS_COMMAND}\`; edit there -->`;
export const TABLE_END = '<!-- config-table:end -->';

function code(value: unknown): string {
  return `\`${String(value)}\``;
}

/** A table cell: pipes would end the cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The markdown table: one row per setting, with the value a development run gets from the devstack. */
export function configTableMarkdown(): string {
  const devstack = loadConfig({});
  const rows = SETTING_ROWS.map(([key, setting]) => {
    const file = code(setting.fileKey);
    const name = setting.env === null ? `file only (${file})` : `${code(setting.env)} (${file})`;
    const value = setting.inputOnly ? undefined : valueAt(devstack, key);
    const byDefault = [value === undefined ? undefined : code(value), setting.defaultNote]
      .filter(Boolean)
      .join('; ');
    return `| ${cell(name)} | ${cell(setting.doc)} | ${cell(byDefault || '—')} |`;
  });
  return ['| variable (file key) | meaning | devstack default |', '|---|---|---|', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by the generated table. */
export function withConfigTable(readme: string): string {
  return withTable(readme, TABLE_START, configTableMarkdown());
}

/** The markers around the generated table in server/README.md. */
export const SERVER_TABLE_START = `<!-- config-table:start: generated from SERVER_SETTINGS in server/config.ts by \`${DOCS_COMMAND}\`; edit there -->`;

/** The server's markdown table: one row per variable, its default read from the schema itself. */
export function serverConfigTableMarkdown(): string {
  const rows = Object.values(SERVER_SETTINGS).map((entry: SettingRow) => {
    const note = entry.defaultNote;
    const parsed = entry.schema.safeParse(undefined);
    const fromSchema =
      parsed.success && parsed.data !== undefined && !(Array.isArray(parsed.data) && parsed.data.length === 0)
        ? code(parsed.data)
        : undefined;
    return `| ${code(entry.env)} | ${cell(note ?? fromSchema ?? '—')} | ${cell(entry.doc)} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** server/README.md with its generated table rewritten. */
export function withServerConfigTable(readme: string): string {
  return withTable(readme, SERVER_TABLE_START, serverConfigTableMarkdown());
}

function withTable(readme: string, startMarker: string, table: string): string {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(TABLE_END, start);
  if (start === -1 || end === -1) {
    throw new Error(
      `the README has no "${startMarker}" … "${TABLE_END}" section for the configuration table`,
    );
  }
  return `${readme.slice(0, start + startMarker.length)}\n${table}\n${readme.slice(end)}`;
}
