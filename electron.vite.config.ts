import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/** In `electron-vite dev` only, let the page reach Vite's HMR socket; built pages keep `connect-src 'none'`. */
function devServerCsp(): Plugin {
  return {
    name: 'gatehouse-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html: string) =>
      html.replace("connect-src 'none'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

// `npm run package` builds into its own staging folder, so packaging never races another build of out/.
const outRoot = process.env.GATEHOUSE_BUILD_OUT ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${outRoot}/main`,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // keytar in a utility process of its own (src/main/electron/keychain.ts), started by path.
          keychainWorker: resolve(__dirname, 'src/main/keychainWorker/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron`: bundle the rest (the bridge factory and the
      // IPC prefix; the preload has no runtime dependency) into it instead of leaving `require`s.
      externalizeDeps: false,
      outDir: `${outRoot}/preload`,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // Sandboxed renderers cannot load ESM preloads, and this package is "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), devServerCsp()],
    build: {
      // electron-vite leaves every bundle unminified by default; the renderer is what the window
      // parses before its first paint, so it is minified (bench/rendererSize.ts checks the budget).
      minify: true,
      outDir: `${outRoot}/renderer`,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
