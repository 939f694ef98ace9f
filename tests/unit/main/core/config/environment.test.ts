import { describe, expect, it } from 'vitest';
import { CONFIG_ENV_VARS, ConfigError, loadConfig } from '../../../../../src/main/core/config';

function issuesOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('misspelled GATEHOUSE_* variables', () => {
  it('are reported at start, with the variable they probably meant', () => {
    const issues = issuesOf({ GATEHOUSE_API_URl: 'https://api.example.com', GATEHOUSE_USERPOOL_ID: 'x' });
    expect(issues).toEqual([
      'GATEHOUSE_API_URl: is not a Gatehouse setting (did you mean GATEHOUSE_API_URL?)',
      'GATEHOUSE_USERPOOL_ID: is not a Gatehouse setting (did you mean GATEHOUSE_USER_POOL_ID?)',
    ]);
  });

  it('are reported together with the other problems, in one error', () => {
    const issues = issuesOf({ GATEHOUSE_REGION: 'nowhere', GATEHOUSE_SOMETHING_ELSE_ENTIRELY: '1' });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toBe('GATEHOUSE_SOMETHING_ELSE_ENTIRELY: is not a Gatehouse setting');
    expect(issues[1]).toMatch(/^region \(GATEHOUSE_REGION\)/);
  });

  it('leave every real setting, the tooling variables and empty values alone', () => {
    const env = Object.fromEntries(CONFIG_ENV_VARS.map((name) => [name, '']));
    expect(
      issuesOf({
        ...env,
        GATEHOUSE_CHROMIUM: '/usr/bin/chromium',
        GATEHOUSE_IN_KEYRING: '1',
        GATEHOUSE_E2E_COGNITO_URL: 'http://127.0.0.1:1',
        GATEHOUSE_TYPO: '',
        OTHER_VARIABLE: 'x',
      }),
    ).toEqual([]);
  });
});
