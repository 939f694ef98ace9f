import type { DevstackOptions } from './index.js';

/** Each `…Port` option of the devstack, set to 0: a new port option fails the typecheck until it is listed below. */
type EveryPortFree = { [K in keyof DevstackOptions as K extends `${string}Port` ? K : never]-?: 0 };

/**
 * Every port the devstack listens on (Cognito and each fake provider) as 0, so the OS picks free
 * ones: what a test or bench run passes, so parallel runs never collide.
 */
export const EPHEMERAL_PORTS: EveryPortFree = {
  cognitoPort: 0,
  googlePort: 0,
  microsoftPort: 0,
  facebookPort: 0,
  applePort: 0,
  amazonPort: 0,
  contosoPort: 0,
};
