import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { RENDERER_SCHEME, resolveRendererFile } from '../core/rendererFiles';

/** Declares the renderer's scheme standard + secure (like https: for CSP, storage, fetch). Must run before `ready`. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

/** Serves `root` (the built out/renderer) on the renderer scheme; the core decides which file, if any. */
export function serveRenderer(root: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = resolveRendererFile(root, request.url, request.method);
    if (!file.ok) return new Response(null, { status: file.status });
    const body = request.method === 'HEAD' ? null : await readFile(file.path);
    return new Response(body, {
      status: 200,
      headers: { 'content-type': file.contentType, 'x-content-type-options': 'nosniff' },
    });
  });
}
