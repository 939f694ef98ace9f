import { useCallback, useEffect, useState } from 'react';

/** A countdown in whole seconds: `start()` begins it, `remaining` is 0 once it has run out. */
export function useCooldown(seconds: number, startRunning = false): { remaining: number; start: () => void } {
  const [until, setUntil] = useState(() => (startRunning ? Date.now() + seconds * 1000 : 0));
  const [now, setNow] = useState(() => Date.now());
  const remaining = Math.max(0, Math.ceil((until - now) / 1000));

  useEffect(() => {
    if (until <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [now, until]);

  const start = useCallback(() => {
    const at = Date.now();
    setNow(at);
    setUntil(at + seconds * 1000);
  }, [seconds]);

  return { remaining, start };
}
