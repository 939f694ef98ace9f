/** Thrown by `loadConfig` with every problem found, each naming the field and where it came from. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: string[]) {
    super(
      `Gatehouse configuration is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues
        .map((issue) => `  - ${issue}`)
        .join('\n')}`,
    );
  }
}

/** Where each setting came from (`GATEHOUSE_API_URL`, `"apiUrl" in file.json`), keyed by dotted path. */
export type Origins = Map<string, string>;
