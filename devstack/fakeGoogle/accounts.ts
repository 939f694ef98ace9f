import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** A Google account the fake Google knows: who signs in, with which password, and the profile it releases. */
export interface FakeGoogleAccount {
  sub: string;
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  picture?: string;
  /** What `email_verified` says for this account, where the provider asserts it (default true). */
  emailVerified?: boolean;
}

/**
 * The accounts every fake Google starts with. The `sub`s are fixed 21-digit strings like Google's, so a
 * federated Cognito user (`Google_<sub>`) stays the same user across devstack restarts.
 */
export const SEEDED_ACCOUNTS: readonly FakeGoogleAccount[] = [
  {
    sub: '104729301152816447201',
    email: 'ada@gmail.test',
    password: 'ada-password-1',
    givenName: 'Ada',
    familyName: 'Lovelace',
  },
  {
    sub: '110385720694218830562',
    email: 'grace@gmail.test',
    password: 'grace-password-1',
    givenName: 'Grace',
    familyName: 'Hopper',
  },
];

const accountSchema = z.strictObject({
  // Google documents `sub` as a case-sensitive ASCII string of at most 255 characters.
  sub: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  email: z.email(),
  password: z.string().min(1),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
  picture: z.url({ protocol: /^https?$/ }).optional(),
  emailVerified: z.boolean().optional(),
});

/** Shape of an accounts file: a JSON array of accounts (the same fields as `FakeGoogleAccount`). */
export const accountsFileSchema = z.array(accountSchema);

/** Thrown when an accounts file is missing, not JSON, or does not match the schema; the message says where. */
export class AccountsFileError extends Error {
  override name = 'AccountsFileError';
}

/** Reads and validates an accounts file, failing with an `AccountsFileError` that names the file and the bad field. */
export async function readAccountsFile(file: string): Promise<FakeGoogleAccount[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AccountsFileError(
      `fake Google accounts file ${file}: cannot be read (${(err as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AccountsFileError(
      `fake Google accounts file ${file}: not valid JSON (${(err as Error).message})`,
    );
  }
  const parsed = accountsFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`,
    );
    throw new AccountsFileError(
      `fake Google accounts file ${file}: expected a JSON array of { sub, email, password, givenName, familyName, picture? }; ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}

/** Looks accounts up by email (case-insensitively, as Google does) or by `sub`, and checks passwords. */
export class AccountStore {
  readonly #byEmail = new Map<string, FakeGoogleAccount>();
  readonly #bySub = new Map<string, FakeGoogleAccount>();

  /** Builds the store; a repeated email or `sub` is an error, since sign-in would be ambiguous. */
  constructor(accounts: readonly FakeGoogleAccount[], source = 'accounts') {
    for (const account of accounts) {
      const email = account.email.toLowerCase();
      if (this.#byEmail.has(email))
        throw new AccountsFileError(`${source}: duplicate email ${account.email}`);
      if (this.#bySub.has(account.sub))
        throw new AccountsFileError(`${source}: duplicate sub ${account.sub}`);
      this.#byEmail.set(email, account);
      this.#bySub.set(account.sub, account);
    }
  }

  /** The account with this `sub`, if any. */
  bySub(sub: string): FakeGoogleAccount | undefined {
    return this.#bySub.get(sub);
  }

  /** The account with this email, if any. */
  byEmail(email: string): FakeGoogleAccount | undefined {
    return this.#byEmail.get(email.trim().toLowerCase());
  }

  /** Checks a password in constant time (hashing first so lengths do not leak either). */
  passwordMatches(account: FakeGoogleAccount, password: string): boolean {
    const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
    return timingSafeEqual(digest(account.password), digest(password));
  }
}

/** The seeded accounts plus those of `accountsFile` (if given), as one store. */
export async function loadAccounts(
  accountsFile?: string,
  seeded: readonly FakeGoogleAccount[] = SEEDED_ACCOUNTS,
): Promise<AccountStore> {
  const extra = accountsFile ? await readAccountsFile(accountsFile) : [];
  return new AccountStore([...seeded, ...extra], accountsFile ?? 'seeded accounts');
}
