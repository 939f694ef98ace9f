// The README's configuration table, generated from the settings table (src/main/core/config/settings.ts)
// so that the two cannot drift: `npm run docs:config` writes it, a unit test fails when README.md differs.
import { loadConfig, settingLeaves } from '../src/main/core/config';

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
  const devstack: unknown = loadConfig({});
  const rows = settingLeaves().map(({ path, setting }) => {
    const key = path.join('.');
    const name = setting.env === null ? `file only (${code(key)})` : `${code(setting.env)} (${code(key)})`;
    const value = path.reduce<unknown>(
      (at, part) =>
        at !== null && typeof at === 'object' ? Object.getOwnPropertyDescriptor(at, part)?.value : undefined,
      devstack,
    );
    const byDefault = [value === undefined ? undefined : code(value), setting.defaultNote]
      .filter(Boolean)
      .join('; ');
    return `| ${cell(name)} | ${cell(setting.doc)} | ${cell(byDefault || '—')} |`;
  });
  return ['| variable (file key) | meaning | devstack default |', '|---|---|---|', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by the generated table. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md has no "${TABLE_START}" … "${TABLE_END}" section for the configuration table`);
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n${configTableMarkdown()}\n${readme.slice(end)}`;
}
