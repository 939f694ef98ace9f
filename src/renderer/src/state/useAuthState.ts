import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { call, on, toChannelError } from '../api';

/** What the UI knows about the session: main's latest auth state, or why it could not be read. */
export interface AuthStateHandle {
  state: AuthState | null;
  loadError: string | null;
  /** Takes a state a channel answered with (e.g. `auth.signIn`), as if main had sent it as an event. */
  apply: (state: AuthState) => void;
}

/** Reads the auth state at start with `auth.getState`, then follows main's `auth.stateChanged` events. */
export function useAuthState(): AuthStateHandle {
  const [state, setState] = useState<AuthState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const heardEvent = useRef(false);

  useEffect(() => {
    let live = true;
    const off = on('auth.stateChanged', (next) => {
      heardEvent.current = true;
      setState(next);
    });
    call('auth.getState', {})
      .then((initial) => {
        // An event that arrived while the first read was in flight is newer than its answer.
        if (live && !heardEvent.current) setState(initial);
      })
      .catch((error: unknown) => {
        if (live) setLoadError(toChannelError(error).message);
      });
    return () => {
      live = false;
      off();
    };
  }, []);

  const apply = useCallback((next: AuthState) => setState(next), []);
  return { state, loadError, apply };
}
