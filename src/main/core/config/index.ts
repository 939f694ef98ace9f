/**
 * Gatehouse's configuration: one table of settings (`settings.ts`), parsed once from a JSON file
 * overlaid by `GATEHOUSE_*` environment variables (`sources.ts`, `parseConfig.ts`). With nothing set
 * it points at the local devstack; pointing the app at a real AWS user pool is configuration only
 * (pool id, client id, Hosted UI domain, API URL).
 *
 * A packaged app runs under stricter rules (`loadAppConfig.ts`): it uses the config baked in at
 * packaging time (`bakeConfig`), never the devstack defaults, plain http only on loopback with
 * `allowHttpLoopback`, and `GATEHOUSE_*` variables only when the baked config sets `allowEnvironmentOverrides`.
 */
export type { PasswordPolicy } from '../../../shared/ipc/contract';
export {
  type AppConfigSource,
  BAKED_CONFIG_FILE,
  bakeConfig,
  loadAppConfig,
  loadConfig,
  NO_PACKAGED_CONFIG,
} from './loadAppConfig';
export {
  type AppSetting,
  DEFAULT_PASSWORD_POLICY,
  type GatehouseConfig,
  SETTING_ROWS,
  SETTINGS,
  valueAt,
} from './settings';
export { CONFIG_ENV_VARS, ConfigError } from './sources';
