import { useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { type ApiError, call, toApiError } from '../api';

/** Sign out of this computer from a screen's footer link: busy while asking, the error if it failed. */
export function useSignOut(apply: (state: AuthState) => void): {
  leaving: boolean;
  error: ApiError | null;
  signOut: () => Promise<void>;
} {
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const signOut = async () => {
    setLeaving(true);
    setError(null);
    try {
      apply(await call('auth.signOut', {}));
    } catch (thrown) {
      setError(toApiError(thrown));
      setLeaving(false);
    }
  };
  return { leaving, error, signOut };
}
