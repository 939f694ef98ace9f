import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Where the renderer's files come from in a built app: a privileged custom scheme (standard + secure)
 * instead of `file://`, answering only with files under `out/renderer`. This module decides which
 * file a request may read; the Electron shell only registers the scheme and streams the answer.
 */

/** Scheme and host the built renderer is served from: `gatehouse-app://renderer/index.html`. */
export const RENDERER_SCHEME = 'gatehouse-app';
export const RENDERER_HOST = 'renderer';
/** The page the window loads. */
export const RENDERER_INDEX_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/** A request resolved to a file to send, or refused with the HTTP status to answer. */
export type RendererFile =
  | { ok: true; path: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 | 405 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** True when `child` is `root` itself or lies inside it (both absolute, already resolved). */
function inside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Maps a request URL to a file under `root` (the built `out/renderer`), refusing anything else:
 * another scheme or host, a method other than GET/HEAD, `..` in any spelling (`%2e%2e`, `%2f`,
 * backslashes), NUL bytes, and any path — symlinks included — whose real location is outside `root`.
 */
export function resolveRendererFile(root: string, requestUrl: string, method = 'GET'): RendererFile {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405 };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host !== RENDERER_HOST) return { ok: false, status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // The URL parser already folded plain `..`; what is left after decoding is an attack, not a file.
  const segments = decoded.split('/');
  if (decoded.includes('\0') || decoded.includes('\\') || segments.some((part) => part === '..')) {
    return { ok: false, status: 403 };
  }
  const relativePath = segments.filter((part) => part !== '' && part !== '.').join('/') || 'index.html';
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { ok: false, status: 404 };
  }
  const candidate = resolve(realRoot, relativePath);
  if (!inside(realRoot, candidate)) return { ok: false, status: 403 };
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { ok: false, status: 404 };
  }
  // A symlink inside out/renderer must not lead out of it.
  if (!inside(realRoot, real)) return { ok: false, status: 403 };
  if (!statSync(real).isFile()) return { ok: false, status: 404 };
  return {
    ok: true,
    path: real,
    contentType: CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
  };
}
