// @vitest-environment happy-dom
import { act, createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../../../../src/renderer/src/api';
import { type Action, useAction } from '../../../../../src/renderer/src/state/useAction';
import { type Mounted, mount } from '../../support/render';

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

type Seen<A extends unknown[]> = { current: Action<A> | undefined };

/** A component that only calls `useAction(action)` and records its latest answer in `seen`. */
function Probe<A extends unknown[]>({
  action,
  seen,
}: {
  action: (...args: A) => Promise<unknown>;
  seen: Seen<A>;
}) {
  seen.current = useAction(action);
  return null;
}

/** Renders `Probe` and hands back a reader of the hook's latest answer. */
async function renderAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const seen: Seen<A> = { current: undefined };
  mounted = await mount(h(Probe<A>, { action, seen }));
  return () => {
    if (!seen.current) throw new Error('not rendered');
    return seen.current;
  };
}

function deferred() {
  let resolve: () => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAction', () => {
  it('is busy with the run’s arguments while it runs, idle after', async () => {
    const step = deferred();
    const action = await renderAction((_where: 'here' | 'everywhere') => step.promise);
    let done: Promise<void> = Promise.resolve();
    await act(async () => {
      done = action().run('everywhere');
    });
    expect(action().busy).toBe(true);
    expect(action().running).toEqual(['everywhere']);
    await act(async () => {
      step.resolve();
      await done;
    });
    expect(action()).toMatchObject({ busy: false, running: null, error: null });
  });

  it('keeps a failure in plain words, cleared when the next run starts', async () => {
    let attempt = 0;
    const action = await renderAction(async () => {
      attempt++;
      if (attempt === 1) throw new ChannelError({ code: 'offline', message: 'You are offline.' });
      if (attempt === 2) throw new TypeError('cannot read properties of undefined');
    });
    await act(() => action().run());
    expect(action().error?.message).toBe('You are offline.');
    expect(action().busy).toBe(false);
    await act(() => action().run());
    // Anything that is not a channel's answer is shown as the generic plain-words message.
    expect(action().error).toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/^Something went wrong/),
    });
    await act(() => action().run());
    expect(action().error).toBeNull();
  });

  it('ignores a second run while one is in flight', async () => {
    const step = deferred();
    let calls = 0;
    const action = await renderAction(() => {
      calls++;
      return step.promise;
    });
    let first: Promise<void> = Promise.resolve();
    await act(async () => {
      first = action().run();
      void action().run();
    });
    expect(calls).toBe(1);
    await act(async () => {
      step.reject(new ChannelError({ code: 'offline', message: 'You are offline.' }));
      await first;
    });
    expect(action().error?.code).toBe('offline');
  });

  it('clearError forgets the last failure', async () => {
    const action = await renderAction(async () => {
      throw new ChannelError({ code: 'offline', message: 'You are offline.' });
    });
    await act(() => action().run());
    await act(async () => action().clearError());
    expect(action().error).toBeNull();
  });
});
