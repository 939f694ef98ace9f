import { describe, expect, it } from 'vitest';
import { createLogger, peopleLogStream } from '../../logging.js';

describe('peopleLogStream (the local stack’s backend log in a terminal)', () => {
  it('turns pino entries into "HH:MM:SS level message key=value" lines, nested fields dotted, still redacted', () => {
    const lines: string[] = [];
    const log = createLogger(
      'info',
      peopleLogStream((line) => lines.push(line)),
    );
    log.info(
      { req: { method: 'GET', url: '/v1/me?token=x' }, authorization: 'Bearer eyJabc' },
      'incoming request',
    );
    log.warn('no mail port');
    log.debug('below the level');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d info {2}incoming request {2}req\.method=GET {2}req\.path=\/v1\/me {2}authorization=\[redacted\]$/,
    );
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d warn {2}no mail port$/);
  });

  it('passes a line that is not a JSON object through as it is, instead of failing the write', () => {
    const lines: string[] = [];
    const stream = peopleLogStream((line) => lines.push(line));
    stream.write('not json\n42\n');
    expect(lines).toEqual(['not json', '42']);
  });
});
