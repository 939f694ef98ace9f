import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountStore,
  AccountsFileError,
  loadAccounts,
  readAccountsFile,
  SEEDED_ACCOUNTS,
} from '../../../fakeGoogle/accounts.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fakegoogle-accounts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const katherine = {
  sub: '100000000000000000042',
  email: 'katherine@gmail.test',
  password: 'katherine-password-1',
  givenName: 'Katherine',
  familyName: 'Johnson',
};

describe('fake Google accounts', () => {
  it('seeds ada and grace with stable Google-like subs', async () => {
    const store = await loadAccounts();
    const ada = store.byEmail('ada@gmail.test');
    expect(ada).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace' });
    expect(ada?.sub).toMatch(/^\d{21}$/);
    expect(store.byEmail('grace@gmail.test')).toMatchObject({ givenName: 'Grace', familyName: 'Hopper' });
    expect(SEEDED_ACCOUNTS.map((a) => a.sub)).toEqual(['104729301152816447201', '110385720694218830562']);
  });

  it('finds by email case-insensitively and by sub; checks passwords exactly', async () => {
    const store = await loadAccounts();
    const ada = store.byEmail('  ADA@Gmail.Test ');
    expect(ada?.email).toBe('ada@gmail.test');
    expect(store.bySub('110385720694218830562')?.email).toBe('grace@gmail.test');
    expect(store.byEmail('nobody@gmail.test')).toBeUndefined();
    if (!ada) throw new Error('ada missing');
    expect(store.passwordMatches(ada, 'ada-password-1')).toBe(true);
    expect(store.passwordMatches(ada, 'ada-password-1 ')).toBe(false);
    expect(store.passwordMatches(ada, 'ADA-PASSWORD-1')).toBe(false);
    expect(store.passwordMatches(ada, '')).toBe(false);
  });

  it('adds the accounts of a valid file', async () => {
    const store = await loadAccounts(await file('ok.json', JSON.stringify([katherine])));
    expect(store.byEmail('katherine@gmail.test')?.sub).toBe(katherine.sub);
    expect(store.byEmail('ada@gmail.test')).toBeDefined();
  });

  it.each([
    ['missing file', null, /cannot be read/],
    ['not JSON', '{ nope', /not valid JSON/],
    ['not an array', JSON.stringify({ accounts: [katherine] }), /\(root\): /],
    ['bad email', JSON.stringify([{ ...katherine, email: 'katherine' }]), /0\.email: /],
    ['missing field', JSON.stringify([{ ...katherine, familyName: undefined }]), /0\.familyName: /],
    ['unknown field', JSON.stringify([{ ...katherine, nickname: 'K' }]), /nickname/],
    ['bad picture', JSON.stringify([{ ...katherine, picture: 'javascript:alert(1)' }]), /0\.picture: /],
    ['sub with spaces', JSON.stringify([{ ...katherine, sub: '1 2' }]), /0\.sub: /],
  ])('rejects a bad file (%s) with a message naming the file', async (name, content, pattern) => {
    const path = content === null ? join(dir, 'does-not-exist.json') : await file(`${name}.json`, content);
    const read = readAccountsFile(path);
    await expect(read).rejects.toBeInstanceOf(AccountsFileError);
    await expect(read).rejects.toThrow(path);
    await expect(read).rejects.toThrow(pattern);
  });

  it('rejects an account that repeats a seeded email (any case) or sub', async () => {
    await expect(
      loadAccounts(await file('dup-email.json', JSON.stringify([{ ...katherine, email: 'Ada@gmail.test' }]))),
    ).rejects.toThrow(/duplicate email Ada@gmail.test/);
    await expect(
      loadAccounts(
        await file('dup-sub.json', JSON.stringify([{ ...katherine, sub: SEEDED_ACCOUNTS[0]?.sub }])),
      ),
    ).rejects.toThrow(/duplicate sub/);
    expect(() => new AccountStore([katherine, katherine])).toThrow(AccountsFileError);
  });
});
