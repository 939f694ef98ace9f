/**
 * `npm run infra:config -- --stage prod [--outputs infra/cdk.outputs.json] [--out config/gatehouse.prod.json]`:
 * turns a deployed stage's stack outputs (written by `npm run infra:deploy`) into the app's
 * configuration file. The CDK app does not import the app's main process (scripts/importRules.ts):
 * infra/test/context.test.ts proves the app's `loadConfig` accepts what `appConfigFromOutputs` builds,
 * and the app checks the file again when it starts with it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APP_REDIRECT_URI, APP_SIGN_OUT_URI } from '../../src/shared/poolDefinition';
import { REPO_ROOT } from '../lib/app';
import { appConfigFromOutputs, stackName } from '../lib/outputs';
import { stageSettings } from '../lib/stages';

function fail(message: string): never {
  process.stderr.write(`infra:config: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { stage: { type: 'string' }, outputs: { type: 'string' }, out: { type: 'string' } },
});
const stage = values.stage ?? fail('--stage is required (e.g. --stage prod)');
try {
  stageSettings(stage);
} catch (error) {
  fail((error as Error).message);
}
const outputsPath = resolve(values.outputs ?? join(REPO_ROOT, 'infra', 'cdk.outputs.json'));
const outPath = resolve(values.out ?? join(REPO_ROOT, 'config', `gatehouse.${stage}.json`));

let all: Record<string, Record<string, unknown>>;
try {
  all = JSON.parse(readFileSync(outputsPath, 'utf8'));
} catch (error) {
  fail(`cannot read ${outputsPath} (${(error as Error).message}); run npm run infra:deploy first`);
}
const outputs = all[stackName(stage)] ?? fail(`${outputsPath} has no outputs for ${stackName(stage)}`);

try {
  const config = appConfigFromOutputs(stage, outputs, {
    redirectUri: APP_REDIRECT_URI,
    signOutUri: APP_SIGN_OUT_URI,
  });
  mkdirSync(dirname(outPath), { recursive: true });
  // Written aside and renamed: an interrupted run never leaves half a file in place.
  const draft = `${outPath}.draft`;
  writeFileSync(draft, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(draft, outPath);
  process.stdout.write(`wrote ${outPath}\nrun the app with GATEHOUSE_CONFIG=${outPath}\n`);
} catch (error) {
  fail((error as Error).message);
}
