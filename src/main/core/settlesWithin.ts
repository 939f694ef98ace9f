/**
 * Waits for `work` to settle, but no longer than `ms`: true when it settled in time (fulfilled or
 * rejected), false when the time ran out first. Never rejects, and leaves no timer behind.
 */
export function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(settled, settled);
  });
}
