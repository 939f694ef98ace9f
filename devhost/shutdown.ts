/**
 * How `npm start` stops: on the first SIGINT, SIGTERM or SIGHUP (npm forwards them when they are
 * sent to the npm process itself), run the cleanup once — close Chromium, which removes its
 * temporary profile, then stop the stack — say so, and exit. Later signals are ignored.
 */
export function stopOnSignals(
  cleanup: () => Promise<void>,
  print: (line: string) => void = console.log,
): (code?: number) => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stop = (code = 0): Promise<void> => {
    stopping ??= cleanup()
      .then(
        () => print('Gatehouse stopped.'),
        (error: unknown) => {
          print(`Gatehouse stopped, but cleaning up failed: ${String(error)}`);
          code = code || 1;
        },
      )
      .then(() => process.exit(code));
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
  return stop;
}
