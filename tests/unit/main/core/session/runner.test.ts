import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../../src/main/core/session/events';
import type { IoEffect } from '../../../../../src/main/core/session/perform';
import { createRunner } from '../../../../../src/main/core/session/runner';
import { ALICE_PROFILE, deferred, makeTokens, recorders } from '../support/fakes';

/**
 * The runner alone, over scripted effects: each I/O effect waits until the test answers it, so
 * results can be made to arrive after the account changed.
 */
function setup() {
  const { log, events, states } = recorders();
  const pending: Array<{ effect: IoEffect; answer: (result: Result | undefined) => void }> = [];
  const runner = createRunner({
    perform: (effect) => {
      const answer = deferred<Result | undefined>();
      pending.push({ effect, answer: answer.resolve });
      return answer.promise;
    },
    events,
    log,
  });
  /** Answers the oldest effect of this kind still waiting. */
  const answer = (kind: IoEffect['kind'], result?: Result) => {
    const index = pending.findIndex((call) => call.effect.kind === kind);
    const [call] = pending.splice(index, 1);
    if (!call) throw new Error(`no ${kind} is waiting`);
    call.answer(result);
  };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { runner, states, pending, answer, tick };
}

const alice = {
  username: 'alice',
  email: 'a@example.com',
  emailVerified: true,
  provider: 'google' as const,
};
const bob = { ...alice, username: 'bob', email: 'b@example.com' };

describe('session runner', () => {
  it("drops a result issued for an account that has been replaced since: alice's late profile never shows for bob", async () => {
    const t = setup();
    void t.runner.request({ type: 'federated-returned', tokens: makeTokens('alice', 0), user: alice });
    void t.runner.request({ type: 'federated-returned', tokens: makeTokens('bob', 0), user: bob });
    // Two profile fetches wait: alice's (now stale) first, then bob's.
    expect(t.pending.map((call) => call.effect.kind).filter((kind) => kind === 'fetch-profile')).toHaveLength(
      2,
    );
    t.answer('fetch-profile', { type: 'profile-loaded', profile: ALICE_PROFILE });
    await t.tick();
    expect(t.states).toEqual([]);
    t.answer('fetch-profile', { type: 'profile-loaded', profile: null });
    await t.tick();
    expect(t.states).toEqual([{ status: 'needs-onboarding', user: bob }]);
  });

  it('takes a refresh only for the tokens it still holds', async () => {
    const t = setup();
    void t.runner.request({ type: 'federated-returned', tokens: makeTokens('alice', 0), user: alice });
    const held = t.runner.held();
    expect(held?.username).toBe('alice');
    if (!held) return;
    const next = makeTokens('alice', 1000);
    expect(t.runner.refreshed(held, next)).toBe(true);
    expect(t.runner.held()?.tokens).toBe(next);
    // The first tokens were replaced: a refresh of them is stale, and so is their rejection.
    expect(t.runner.refreshed(held, makeTokens('alice', 2000))).toBe(false);
    t.runner.rejected(held);
    expect(t.runner.held()?.tokens).toBe(next);
  });
});
