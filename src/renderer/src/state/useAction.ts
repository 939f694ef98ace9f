import { useCallback, useRef, useState } from 'react';
import { type ChannelError, toChannelError } from '../api';

/** An action a button starts (sign out, retry, continue with a provider…), with its busy and error state; see `useAction`. */
export interface Action<A extends unknown[]> {
  /** Starts the action; ignored while it is running. Never rejects: a failure lands in `error`. */
  run: (...args: A) => Promise<void>;
  /** True while the action runs. */
  busy: boolean;
  /** The arguments of the run in flight (e.g. which of two sign-out buttons), null when idle. */
  running: A | null;
  /** Why the last run failed, in plain words; cleared when the next run starts. */
  error: ChannelError | null;
  clearError: () => void;
}

/**
 * Runs an IPC action (usually `call(...)` then `apply` or `navigate`) with busy and error state:
 * busy while it runs, the failure as a ChannelError to show. A screen the action leaves unmounts in
 * the same render that clears `busy`, so a button never flickers back to idle on the way out.
 */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>): Action<A> {
  const [running, setRunning] = useState<A | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const inFlight = useRef(false);
  const latest = useRef(action);
  latest.current = action;

  const run = useCallback(async (...args: A) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setRunning(args);
    setError(null);
    try {
      await latest.current(...args);
    } catch (thrown) {
      setError(toChannelError(thrown));
    } finally {
      inFlight.current = false;
      setRunning(null);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { run, busy: running !== null, running, error, clearError };
}
