import type { Configuration } from 'electron-builder';

/** electron-builder.config.mjs, typed for scripts/package.ts. */
declare const config: Configuration;
export default config;
