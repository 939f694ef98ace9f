import { describe, expect, it } from 'vitest';
import { createDeepLinkInbox, findDeepLinkArg } from '../../../../src/main/core/deepLinkInbox';
import { silentLogger } from '../../../../src/main/core/log';

describe('deep-link inbox', () => {
  it('queues links that arrive before the core is ready and delivers them in order', async () => {
    const inbox = createDeepLinkInbox(silentLogger);
    inbox.push('gatehouse://auth/callback?code=1&state=a');
    inbox.push('gatehouse://auth/callback?code=2&state=b');
    const seen: string[] = [];
    inbox.attach(async (url) => {
      seen.push(url);
    });
    inbox.push('gatehouse://auth/callback?code=3&state=c');
    expect(seen).toEqual([
      'gatehouse://auth/callback?code=1&state=a',
      'gatehouse://auth/callback?code=2&state=b',
      'gatehouse://auth/callback?code=3&state=c',
    ]);
  });

  it('keeps only the newest links when flooded before start-up', () => {
    const inbox = createDeepLinkInbox(silentLogger);
    for (let i = 0; i < 20; i++) inbox.push(`gatehouse://auth/callback?n=${i}`);
    const seen: string[] = [];
    inbox.attach(async (url) => {
      seen.push(url);
    });
    expect(seen).toHaveLength(8);
    expect(seen.at(-1)).toBe('gatehouse://auth/callback?n=19');
  });

  it('survives a handler that throws', async () => {
    const inbox = createDeepLinkInbox(silentLogger);
    inbox.attach(() => Promise.reject(new Error('nope')));
    expect(() => inbox.push('gatehouse://auth/callback')).not.toThrow();
  });

  it('finds the link among command-line arguments (Windows/Linux second instance)', () => {
    expect(findDeepLinkArg(['/usr/bin/gatehouse', '--flag', 'GATEHOUSE://auth/callback?x=1'])).toBe(
      'GATEHOUSE://auth/callback?x=1',
    );
    expect(findDeepLinkArg(['/usr/bin/gatehouse', 'https://example.com'])).toBeUndefined();
  });
});
