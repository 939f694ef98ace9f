/**
 * How Gatehouse's log lines read in a terminal, wherever they come from (the app's main process, the
 * local stack's backend): `12:04:05 warn  deep link refused  code=invalid_redirect`. One JSON object
 * per line only when `GATEHOUSE_LOG_FORMAT=json` asks for it, for programs.
 */

/** How a line is written: `text` for people reading a terminal, `json` for programs (when asked). */
export type LogFormat = 'text' | 'json';

/** The format `GATEHOUSE_LOG_FORMAT` asks for: JSON only when it says `json`, else lines for people. */
export function logFormatFrom(env: Record<string, string | undefined>): LogFormat {
  return env.GATEHOUSE_LOG_FORMAT?.trim().toLowerCase() === 'json' ? 'json' : 'text';
}

/** One field as `key=value`: bare when it is a plain word, quoted or JSON otherwise. */
function textField(key: string, value: unknown): string {
  if (typeof value === 'string') return `${key}=${/^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`;
  return `${key}=${JSON.stringify(value)}`;
}

/** An entry as a line for people: `12:04:05 warn  deep link refused  code=invalid_redirect`. */
export function textLogLine(
  time: Date,
  level: string,
  message: string,
  fields: Record<string, unknown>,
): string {
  const clock = time.toISOString().slice(11, 19);
  const rest = Object.entries(fields).map(([key, value]) => textField(key, value));
  return [`${clock} ${level.padEnd(5)} ${message}`, ...rest].join('  ');
}
