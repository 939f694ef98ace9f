/**
 * The one test suite every {@link ProfileRepository} must pass; SQLite and PostgreSQL files call
 * it with their own factory, so the backends cannot drift apart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../../src/shared/backendApi.js';
import type { Identity } from '../../../src/shared/identity.js';
import { type ProfileRepository, UsernameTakenError } from '../../storage/repository.js';

/** Opens a fresh, empty store; `reopen` opens a second handle on the same data. */
export interface RepositoryFixture {
  repository: ProfileRepository;
  reopen(): Promise<ProfileRepository>;
  cleanup(): Promise<void>;
}

const alice: Identity = { provider: 'cognito', username: 'alice' };
const aliceGoogle: Identity = { provider: 'google', username: 'Google_111' };
const bob: Identity = { provider: 'cognito', username: 'bob' };
const input = (username: string, role = 'developer'): ProfileInput => ({
  username,
  onboarding: { role, interests: ['security', 'électron', '🦀'], newsletter: true },
});
const t = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second));

/** Declares the contract suite for one backend. */
export function describeRepositoryContract(name: string, open: () => Promise<RepositoryFixture>): void {
  describe(`ProfileRepository contract: ${name}`, () => {
    const fixtures: RepositoryFixture[] = [];
    const extra: ProfileRepository[] = [];
    async function fresh(): Promise<RepositoryFixture> {
      const fixture = await open();
      fixtures.push(fixture);
      return fixture;
    }
    afterEach(async () => {
      for (const repo of extra.splice(0)) await repo.close();
      for (const fixture of fixtures.splice(0)) {
        await fixture.repository.close();
        await fixture.cleanup();
      }
    });

    it('has no profile at first', async () => {
      const { repository } = await fresh();
      expect(await repository.get('a@example.com', alice, t(0))).toBeNull();
      expect(await repository.patch('a@example.com', alice, { username: 'abc' }, t(0))).toBeNull();
      expect(await repository.delete('a@example.com')).toBe(false);
    });

    it('put creates, then replaces keeping createdAt and identities', async () => {
      const { repository } = await fresh();
      const first = await repository.put('a@example.com', alice, input('alice'), t(1));
      expect(first.created).toBe(true);
      expect(first.profile).toEqual({
        email: 'a@example.com',
        ...input('alice'),
        identities: [alice],
        createdAt: t(1).toISOString(),
        updatedAt: t(1).toISOString(),
      });
      const second = await repository.put('a@example.com', aliceGoogle, input('alice2', 'lead'), t(2));
      expect(second.created).toBe(false);
      expect(second.profile).toEqual({
        email: 'a@example.com',
        ...input('alice2', 'lead'),
        identities: [alice, aliceGoogle],
        createdAt: t(1).toISOString(),
        updatedAt: t(2).toISOString(),
      });
      expect(await repository.get('a@example.com', alice, t(3))).toEqual(second.profile);
    });

    it('get links a new identity once, without touching updatedAt', async () => {
      const { repository } = await fresh();
      await repository.put('a@example.com', alice, input('alice'), t(1));
      const linked = await repository.get('a@example.com', aliceGoogle, t(2));
      expect(linked?.identities).toEqual([alice, aliceGoogle]);
      expect(linked?.updatedAt).toBe(t(1).toISOString());
      const again = await repository.get('a@example.com', aliceGoogle, t(3));
      expect(again?.identities).toEqual([alice, aliceGoogle]);
    });

    it('patch merges onboarding one level deep and bumps updatedAt', async () => {
      const { repository } = await fresh();
      await repository.put('a@example.com', alice, input('alice'), t(1));
      const patched = await repository.patch(
        'a@example.com',
        alice,
        { onboarding: { newsletter: false } },
        t(2),
      );
      expect(patched?.onboarding).toEqual({ ...input('alice').onboarding, newsletter: false });
      expect(patched?.username).toBe('alice');
      expect(patched?.updatedAt).toBe(t(2).toISOString());
      const renamed = await repository.patch('a@example.com', aliceGoogle, { username: 'alice_b' }, t(3));
      expect(renamed?.username).toBe('alice_b');
      expect(renamed?.identities).toEqual([alice, aliceGoogle]);
    });

    it('usernames are unique across profiles; a rejected write changes nothing', async () => {
      const { repository } = await fresh();
      await repository.put('a@example.com', alice, input('taken'), t(1));
      await expect(repository.put('b@example.com', alice, input('taken'), t(2))).rejects.toBeInstanceOf(
        UsernameTakenError,
      );
      expect(await repository.get('b@example.com', alice, t(2))).toBeNull();
      await repository.put('b@example.com', alice, input('bob'), t(3));
      await expect(
        repository.patch('b@example.com', alice, { username: 'taken' }, t(4)),
      ).rejects.toBeInstanceOf(UsernameTakenError);
      expect((await repository.get('b@example.com', alice, t(5)))?.username).toBe('bob');
      // Re-sending one's own username is not a conflict.
      expect((await repository.put('a@example.com', alice, input('taken', 'x'), t(6))).created).toBe(false);
    });

    it('delete removes the profile with its identities and frees the username', async () => {
      const { repository } = await fresh();
      await repository.put('a@example.com', alice, input('alice'), t(1));
      await repository.get('a@example.com', aliceGoogle, t(2));
      expect(await repository.delete('a@example.com')).toBe(true);
      expect(await repository.get('a@example.com', alice, t(3))).toBeNull();
      expect(await repository.delete('a@example.com')).toBe(false);
      const recreated = await repository.put('a@example.com', alice, input('alice'), t(4));
      expect(recreated.created).toBe(true);
      expect(recreated.profile.identities).toEqual([alice]);
      expect((await repository.put('c@example.com', alice, input('alice_c'), t(5))).created).toBe(true);
    });

    it('follow moves the profile an identity reached to its new e-mail, identities and all, once', async () => {
      const { repository } = await fresh();
      await repository.put('old@example.com', alice, input('alice'), t(1));
      await repository.get('old@example.com', aliceGoogle, t(2));
      // A token issued before the profile's last change names an address it may since have left.
      expect(await repository.follow('new@example.com', alice, t(3), t(0))).toBeNull();
      const moved = await repository.follow('new@example.com', alice, t(3), t(2));
      expect(moved).toEqual({
        from: 'old@example.com',
        profile: {
          email: 'new@example.com',
          ...input('alice'),
          identities: [alice, aliceGoogle],
          createdAt: t(1).toISOString(),
          updatedAt: t(3).toISOString(),
        },
      });
      expect(await repository.get('old@example.com', alice, t(4))).toBeNull();
      expect((await repository.get('new@example.com', alice, t(4)))?.username).toBe('alice');
      // Nothing left to move, and the username still belongs to the one profile.
      expect(await repository.follow('new@example.com', alice, t(5), t(5))).toBeNull();
      // A token from before the move (old address) does not move it back.
      expect(await repository.follow('old@example.com', alice, t(6), t(2))).toBeNull();
      expect((await repository.get('new@example.com', alice, t(6)))?.email).toBe('new@example.com');
      await expect(repository.put('other@example.com', bob, input('alice'), t(6))).rejects.toBeInstanceOf(
        UsernameTakenError,
      );
    });

    it('follow moves nothing onto a profile already at the new e-mail, nor for an identity with no profile', async () => {
      const { repository } = await fresh();
      await repository.put('old@example.com', alice, input('alice'), t(1));
      await repository.put('taken@example.com', bob, input('bob'), t(1));
      expect(await repository.follow('taken@example.com', alice, t(2), t(2))).toBeNull();
      expect((await repository.get('old@example.com', alice, t(3)))?.username).toBe('alice');
      expect((await repository.get('taken@example.com', bob, t(3)))?.username).toBe('bob');
      expect(
        await repository.follow('x@example.com', { provider: 'cognito', username: 'nobody' }, t(4), t(4)),
      ).toBeNull();
    });

    it('recordTwoStep says when the state changed, keeps the name while on, and leaves updatedAt alone', async () => {
      const { repository } = await fresh();
      expect(await repository.recordTwoStep('a@example.com', { on: true })).toBeNull();
      await repository.put('a@example.com', alice, input('alice'), t(1));
      // A new profile is recorded "off": an off report changes nothing.
      expect(await repository.recordTwoStep('a@example.com', { on: false })).toEqual({ changed: false });
      expect(
        await repository.recordTwoStep('a@example.com', { on: true, authenticatorName: 'Phone' }),
      ).toEqual({
        changed: true,
      });
      expect(
        await repository.recordTwoStep('a@example.com', { on: true, authenticatorName: 'Phone' }),
      ).toEqual({
        changed: false,
      });
      const on = await repository.get('a@example.com', alice, t(2));
      expect(on).toMatchObject({ authenticatorName: 'Phone', updatedAt: t(1).toISOString() });
      // The name and state move with the profile to a new e-mail.
      await repository.follow('b@example.com', alice, t(3), t(3));
      expect(await repository.get('b@example.com', alice, t(3))).toMatchObject({
        authenticatorName: 'Phone',
      });
      expect(await repository.recordTwoStep('b@example.com', { on: false, authenticatorName: 'x' })).toEqual({
        changed: true,
      });
      expect(await repository.get('b@example.com', alice, t(4))).not.toHaveProperty('authenticatorName');
    });

    it('recordDevices returns only the devices not seen before; they follow an e-mail move and go with the profile', async () => {
      const { repository } = await fresh();
      expect(await repository.recordDevices('a@example.com', ['k1'])).toBeNull();
      await repository.put('a@example.com', alice, input('alice'), t(1));
      expect(await repository.recordDevices('a@example.com', [])).toEqual([]);
      expect(await repository.recordDevices('a@example.com', ['k1'])).toEqual(['k1']);
      expect(await repository.recordDevices('a@example.com', ['k1', 'k2'])).toEqual(['k2']);
      expect(await repository.recordDevices('a@example.com', ['k2', 'k1'])).toEqual([]);
      await repository.follow('b@example.com', alice, t(2), t(2));
      expect(await repository.recordDevices('b@example.com', ['k1', 'k3'])).toEqual(['k3']);
      // Deleted and signed up again: every device is new to the new profile.
      expect(await repository.delete('b@example.com')).toBe(true);
      await repository.put('b@example.com', alice, input('alice'), t(3));
      expect(await repository.recordDevices('b@example.com', ['k1'])).toEqual(['k1']);
    });

    it('data survives reopening, and reopening (re-running migrations) is harmless', async () => {
      const fixture = await fresh();
      const { profile } = await fixture.repository.put('a@example.com', alice, input('alice'), t(1));
      const second = await fixture.reopen();
      extra.push(second);
      expect(await second.get('a@example.com', alice, t(2))).toEqual(profile);
    });

    it('two concurrent PUTs for one email: one profile, one creation, no error', async () => {
      const { repository } = await fresh();
      const identities = Array.from(
        { length: 12 },
        (_, i): Identity => ({ provider: 'cognito', username: `u${i}` }),
      );
      const results = await Promise.allSettled(
        identities.map((identity, i) =>
          repository.put('race@example.com', identity, input('racer', `r${i}`), t(i)),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const created = results.filter((r) => r.status === 'fulfilled' && r.value.created);
      expect(created).toHaveLength(1);
      const final = await repository.get('race@example.com', identities[0] as Identity, t(99));
      expect(final?.username).toBe('racer');
      expect(final?.identities).toHaveLength(identities.length);
    });

    it('a concurrent username race: exactly one wins, the others get UsernameTakenError', async () => {
      const { repository } = await fresh();
      const emails = Array.from({ length: 8 }, (_, i) => `racer${i}@example.com`);
      const results = await Promise.allSettled(
        emails.map((email, i) =>
          repository.put(email, { provider: 'cognito', username: `r${i}` }, input('popular'), t(i)),
        ),
      );
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(emails.length - 1);
      for (const reason of rejected) expect(reason).toBeInstanceOf(UsernameTakenError);
    });

    it('concurrent PATCHes of different fields both land', async () => {
      const { repository } = await fresh();
      await repository.put('a@example.com', alice, input('alice'), t(1));
      await Promise.all([
        repository.patch('a@example.com', alice, { onboarding: { role: 'manager' } }, t(2)),
        repository.patch('a@example.com', alice, { onboarding: { newsletter: false } }, t(2)),
        repository.patch('a@example.com', alice, { username: 'alice_p' }, t(2)),
      ]);
      const final = await repository.get('a@example.com', alice, t(3));
      expect(final).toMatchObject({
        username: 'alice_p',
        onboarding: { role: 'manager', newsletter: false, interests: input('x').onboarding.interests },
      });
    });

    it('a read linking an identity while the profile is deleted never errors', async () => {
      const { repository } = await fresh();
      for (let i = 0; i < 5; i += 1) {
        await repository.put('a@example.com', alice, input('alice'), t(i));
        const [read, deleted] = await Promise.all([
          repository.get('a@example.com', { provider: 'google', username: `Google_${i}` }, t(i)),
          repository.delete('a@example.com'),
        ]);
        expect(deleted).toBe(true);
        expect(read === null || read.email === 'a@example.com').toBe(true);
      }
    });
  });
}
