import { useEffect, useRef } from 'react';

/** A ref whose element takes the focus when the screen appears (the first field, or the heading). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
