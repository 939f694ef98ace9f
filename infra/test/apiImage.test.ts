/**
 * Issue 30: the server image's base was a tag (`node:24-bookworm-slim`), which can be re-pointed at
 * other content, and the RDS CA bundle was downloaded with `ADD https://…` and trusted unchecked.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiImageBuildArgs, NODE_BASE_IMAGE } from '../lib/apiImage';
import { REPO_ROOT } from '../lib/app';

const DOCKERFILE = readFileSync(join(REPO_ROOT, 'server', 'Dockerfile'), 'utf8');
/** The Dockerfile's instructions, continuation lines joined. */
const instructions = DOCKERFILE.replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));

describe('server/Dockerfile', () => {
  it('builds every stage FROM the NODE_IMAGE build argument, which has no default', () => {
    const froms = instructions.filter((line) => /^FROM\s/i.test(line));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^FROM \$\{NODE_IMAGE\} AS \w+$/);
    expect(instructions.filter((line) => /^ARG NODE_IMAGE\b/.test(line))).not.toContainEqual(
      expect.stringContaining('='),
    );
  });

  it('downloads nothing without a checksum: the RDS CA bundle is checked against RDS_CA_BUNDLE_SHA256', () => {
    const downloads = instructions.filter((line) => /^ADD\s.*https?:\/\//i.test(line));
    expect(downloads).toHaveLength(1);
    // The Dockerfile's own `${…}` reference, spelled as text (not a template literal).
    const checksum = ['--checksum=sha256:$', '{RDS_CA_BUNDLE_SHA256}'].join('');
    for (const add of downloads) expect(add).toContain(checksum);
    expect(instructions.filter((line) => /^ARG RDS_CA_BUNDLE_SHA256\b/.test(line))).not.toContainEqual(
      expect.stringContaining('='),
    );
  });

  // The RUN that guards the build arguments, run by a real shell with good and bad values.
  it.each([
    [`node:24-bookworm-slim@sha256:${'a'.repeat(64)}`, 'b'.repeat(64), 0],
    ['node:24-bookworm-slim', 'b'.repeat(64), 1],
    ['node:latest', 'b'.repeat(64), 1],
    [`node:24-bookworm-slim@sha256:${'a'.repeat(64)}`, '', 1],
    [`node:24-bookworm-slim@sha256:${'a'.repeat(64)}`, 'b'.repeat(63), 1],
    [`node:24-bookworm-slim@sha256:${'a'.repeat(64)}`, 'B'.repeat(64), 1],
  ])(
    'refuses the build unless pinned: NODE_IMAGE=%s RDS_CA_BUNDLE_SHA256=%s → exit %i',
    (image, sum, code) => {
      const guard = instructions.find((line) => line.startsWith('RUN case "$NODE_IMAGE"'));
      expect(guard).toBeDefined();
      let status = 0;
      try {
        execFileSync('sh', ['-c', (guard as string).slice('RUN '.length)], {
          env: { NODE_IMAGE: image, RDS_CA_BUNDLE_SHA256: sum, PATH: process.env.PATH ?? '' },
          stdio: 'pipe',
        });
      } catch (error) {
        status = (error as { status: number }).status;
      }
      expect(status).toBe(code);
    },
  );
});

describe('apiImageBuildArgs', () => {
  it('pins the base image by digest and passes the checksum it is given', () => {
    expect(NODE_BASE_IMAGE).toMatch(/^node:24-bookworm-slim@sha256:[0-9a-f]{64}$/);
    const sum = 'c'.repeat(64);
    expect(apiImageBuildArgs(sum)).toEqual({ NODE_IMAGE: NODE_BASE_IMAGE, RDS_CA_BUNDLE_SHA256: sum });
  });

  it.each([undefined, '', 'abc', 'C'.repeat(64), 42])('names the missing checksum for %j', (value) => {
    expect(apiImageBuildArgs(value)).toMatch(/^rdsCaBundleSha256: is required/);
  });
});
