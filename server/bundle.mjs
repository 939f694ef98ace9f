// Bundles the backend into ESM files (entry `server.mjs` + chunks) for its container image
// (server/Dockerfile) and the bundle test: the image then needs no node_modules at all.
// Usage: node server/bundle.mjs <outdir>
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist/server';
await build({
  entryPoints: { server: new URL('./cli.ts', import.meta.url).pathname },
  outdir,
  outExtension: { '.js': '.mjs' },
  // A separate chunk per dynamic import: the SQLite repository (and its native driver) loads only if used.
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: 'linked',
  // better-sqlite3 is native and loaded only for SQLite (not in the image: it runs on PostgreSQL);
  // pg-native is an optional alternative driver pg never needs here.
  external: ['better-sqlite3', 'pg-native'],
  // Bundled CommonJS packages (pg, pino) call require() for Node built-ins.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
process.stdout.write(`bundled the server into ${outdir}/server.mjs\n`);
