import { type GatehouseError, isGatehouseError } from '../../src/shared/errors';

/** The GatehouseError `promise` rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<GatehouseError> {
  try {
    await promise;
  } catch (error) {
    if (isGatehouseError(error)) return error;
    throw error;
  }
  throw new Error('expected a GatehouseError');
}
