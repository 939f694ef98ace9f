import { useCallback, useEffect, useState } from 'react';

/** How long a passing confirmation ("Key copied.", "Your password is changed.") stays, in milliseconds. */
export const FLEETING_MS = 8_000;

/**
 * A value that clears itself `ms` after it was set: for news that is true only for a moment, so
 * "Key copied." or "Your password is changed." do not linger through whatever the user does next.
 */
export function useFleeting<T>(ms = FLEETING_MS): [T | null, (value: T | null) => void] {
  // A fresh object per set, so setting the same value again restarts the clock.
  const [held, setHeld] = useState<{ value: T | null }>({ value: null });
  useEffect(() => {
    if (held.value === null) return;
    const timer = setTimeout(() => setHeld({ value: null }), ms);
    return () => clearTimeout(timer);
  }, [held, ms]);
  const set = useCallback((value: T | null) => setHeld({ value }), []);
  return [held.value, set];
}
