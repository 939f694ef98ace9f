/**
 * How `npm start` stops: on the first SIGINT, SIGTERM or SIGHUP, or when its parent goes away (a
 * signal sent to the npm process itself ends npm without reaching this one), run the cleanup once — close Chromium, which removes its
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
  // npm 11 exits on SIGTERM without passing it on to the script's process; this process is then
  // re-parented. Noticing that is the only way to hear the signal that was sent to npm.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 250);
  watch.unref();
  return stop;
}
