import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RENDERER_INDEX_URL, resolveRendererFile } from '../../../../src/main/core/rendererFiles';

// A real directory tree: out/renderer with the app's files, and secrets next to and far outside it.
const base = mkdtempSync(join(tmpdir(), 'gatehouse-renderer-files-'));
const root = join(base, 'out', 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
writeFileSync(join(base, 'out', 'secret.json'), '{"secret":true}');
mkdirSync(join(base, 'outside'));
writeFileSync(join(base, 'outside', 'token.txt'), 'refresh-token');
symlinkSync(join(base, 'outside', 'token.txt'), join(root, 'assets', 'link-to-token.txt'));
symlinkSync(join(base, 'outside'), join(root, 'linked-dir'));
symlinkSync(join(root, 'index.html'), join(root, 'assets', 'link-inside.html'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const at = (path: string) => `gatehouse-app://renderer${path}`;

describe('resolveRendererFile', () => {
  it('serves the index page and assets under out/renderer with their content type', () => {
    expect(resolveRendererFile(root, RENDERER_INDEX_URL)).toEqual({
      ok: true,
      path: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveRendererFile(root, at('/'))).toMatchObject({ ok: true, path: join(root, 'index.html') });
    expect(resolveRendererFile(root, at('/assets/index-abc.js?v=1'))).toMatchObject({
      ok: true,
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererFile(root, at('/assets/link-inside.html'))).toMatchObject({ ok: true });
  });

  it.each([
    ['plain ..', '/../secret.json'],
    ['.. deep', '/assets/../../secret.json'],
    ['%2e%2e', '/%2e%2e/secret.json'],
    ['%2E%2E mixed case', '/assets/%2E%2E/%2e%2E/secret.json'],
    ['.%2e', '/.%2e/secret.json'],
    ['encoded slash', '/..%2fsecret.json'],
    ['encoded slashes all the way', '/%2e%2e%2f%2e%2e%2foutside%2ftoken.txt'],
    ['backslash', '/..%5csecret.json'],
    ['double-encoded', '/%252e%252e/secret.json'],
    ['NUL byte', '/index.html%00.png'],
  ])('refuses traversal: %s', (_label, path) => {
    const answer = resolveRendererFile(root, at(path));
    expect(answer.ok).toBe(false);
  });

  it.each([
    ['absolute path in the URL', `/${join(base, 'outside', 'token.txt')}`],
    ['encoded absolute path', `/${encodeURIComponent(join(base, 'outside', 'token.txt'))}`],
    ['double slash absolute path', `//${join(base, 'outside', 'token.txt')}`],
  ])('never reads outside out/renderer: %s', (_label, path) => {
    const answer = resolveRendererFile(root, at(path));
    expect(answer.ok).toBe(false);
  });

  it('refuses symlinks that lead outside, to a file or through a directory', () => {
    expect(resolveRendererFile(root, at('/assets/link-to-token.txt'))).toEqual({ ok: false, status: 403 });
    expect(resolveRendererFile(root, at('/linked-dir/token.txt'))).toEqual({ ok: false, status: 403 });
  });

  it('refuses other schemes, hosts and methods, and answers 404 for what is not there', () => {
    expect(resolveRendererFile(root, `file://${join(base, 'outside', 'token.txt')}`)).toEqual({
      ok: false,
      status: 403,
    });
    expect(resolveRendererFile(root, 'gatehouse-app://elsewhere/index.html')).toEqual({
      ok: false,
      status: 403,
    });
    expect(resolveRendererFile(root, 'gatehouse://auth/callback')).toEqual({ ok: false, status: 403 });
    expect(resolveRendererFile(root, RENDERER_INDEX_URL, 'POST')).toEqual({ ok: false, status: 405 });
    expect(resolveRendererFile(root, at('/missing.js'))).toEqual({ ok: false, status: 404 });
    expect(resolveRendererFile(root, at('/assets'))).toEqual({ ok: false, status: 404 });
    expect(resolveRendererFile(root, at('/%E0%A4%A'))).toEqual({ ok: false, status: 400 });
  });
});
