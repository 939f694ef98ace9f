// Bundles the backend into one ESM file for its container image (server/Dockerfile) and the
// bundle test: the image then needs no node_modules at all. Usage: node server/bundle.mjs <outfile>
import { build } from 'esbuild';

const outfile = process.argv[2] ?? 'dist/server/server.mjs';
await build({
  entryPoints: [new URL('./cli.ts', import.meta.url).pathname],
  outfile,
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
process.stdout.write(`bundled the server into ${outfile}\n`);
