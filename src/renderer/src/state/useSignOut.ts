import type { AuthState } from '../../../shared/ipc/contract';
import { call } from '../api';
import { type Action, useAction } from './useAction';

/** Sign out of this computer (`auth.signOut`), e.g. from a screen's footer link, with busy and error state. */
export function useSignOut(apply: (state: AuthState) => void): Action<[]> {
  return useAction(async () => apply(await call('auth.signOut', {})));
}
