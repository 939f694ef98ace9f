import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import { invalidParameter } from './errors.js';

/**
 * An app client's `RefreshTokenRotation` (RefreshTokenRotationType,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html):
 * `Feature` ENABLED or DISABLED, and `RetryGracePeriodSeconds` (0–60) during which a rotated-out token still works.
 */
export interface RefreshTokenRotationType {
  Feature: 'ENABLED' | 'DISABLED';
  RetryGracePeriodSeconds?: number;
}

/** The app client as the devstack stores it: cognito-local's fields plus the rotation setting. */
export type RotatingAppClient = AppClient & { RefreshTokenRotation?: RefreshTokenRotationType };

/** Whether the client rotates refresh tokens, and the grace period of a rotated-out token. */
export function rotationOf(client: AppClient): { enabled: boolean; graceSeconds: number } {
  const setting = (client as RotatingAppClient).RefreshTokenRotation;
  return {
    enabled: setting?.Feature === 'ENABLED',
    graceSeconds: setting?.RetryGracePeriodSeconds ?? 0,
  };
}

/** Validates a `RefreshTokenRotation` request field as CreateUserPoolClient/UpdateUserPoolClient take it. */
export function parseRotation(value: unknown): RefreshTokenRotationType | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidParameter('RefreshTokenRotation must be an object');
  const { Feature, RetryGracePeriodSeconds } = value as Record<string, unknown>;
  if (Feature !== 'ENABLED' && Feature !== 'DISABLED')
    throw invalidParameter('RefreshTokenRotation.Feature must be ENABLED or DISABLED');
  if (
    RetryGracePeriodSeconds !== undefined &&
    !(
      Number.isInteger(RetryGracePeriodSeconds) &&
      (RetryGracePeriodSeconds as number) >= 0 &&
      (RetryGracePeriodSeconds as number) <= 60
    )
  )
    throw invalidParameter('RefreshTokenRotation.RetryGracePeriodSeconds must be an integer from 0 to 60');
  return {
    Feature,
    ...(RetryGracePeriodSeconds === undefined
      ? {}
      : { RetryGracePeriodSeconds: RetryGracePeriodSeconds as number }),
  };
}
