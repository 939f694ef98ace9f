import { z } from 'zod';
import { signUpSecretSchema } from '../../../shared/signUpEmail';
import type { Logger } from '../log';
import type { KeychainBackend } from '../ports';
import { attempt } from './keychainProbe';
import { type PoolBinding, parseJson, poolAccount } from './vaultEntry';

/**
 * The sign-ups made on this computer that are not confirmed yet: each one's secret (the proof its
 * e-mail may be changed, src/shared/signUpEmail.ts) and what it was signed up with except the
 * password, so a mistyped address can still be fixed after the app restarted. One keychain item
 * (account `<userPoolId>/<clientId>/sign-ups`), never a file; an entry goes once its sign-up is confirmed.
 */

/** One pending sign-up, by username (lower case). */
export const pendingSignUpSchema = z.strictObject({
  username: z.string().min(1),
  email: z.string().min(1),
  givenName: z.string().min(1),
  phone: z.string().optional(),
  secret: signUpSecretSchema,
});

export type PendingSignUp = z.infer<typeof pendingSignUpSchema>;

const itemSchema = z.record(z.string(), pendingSignUpSchema);

/** The keychain item of this computer's pending sign-ups. */
export interface SignUpVault {
  /** `username`'s pending sign-up, if one was kept and the keychain can be read. */
  get(username: string): Promise<PendingSignUp | undefined>;
  /** Keeps a pending sign-up (replacing an older one of the same username). */
  save(pending: PendingSignUp): Promise<void>;
  /** Drops `username`'s pending sign-up (confirmed, or replaced by a new sign-up). */
  forget(username: string): Promise<void>;
}

const keyOf = (username: string) => username.toLowerCase();

/** Creates the sign-up vault over keytar (or any KeychainBackend); failures are logged, never thrown. */
export function createSignUpVault(options: {
  backend: KeychainBackend;
  service: string;
  pool: PoolBinding;
  log: Logger;
}): SignUpVault {
  const { backend, service, log } = options;
  const account = `${poolAccount(options.pool)}/sign-ups`;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(call: () => Promise<T>): Promise<T> => {
    const next = queue.then(call, call);
    queue = next.catch(() => undefined);
    return next;
  };

  const read = async (): Promise<Record<string, PendingSignUp>> => {
    const item = await attempt(() => backend.getPassword(service, account));
    if (!item.ok) {
      log.warn('keychain: could not read the pending sign-ups', { error: item.error });
      return {};
    }
    if (item.value === null || item.value === '') return {};
    const parsed = itemSchema.safeParse(parseJson(item.value));
    if (!parsed.success) log.warn('keychain: pending sign-ups item is damaged; ignoring it');
    return parsed.success ? parsed.data : {};
  };

  const write = async (pending: Record<string, PendingSignUp>): Promise<void> => {
    const wrote = await attempt(() =>
      Object.keys(pending).length === 0
        ? backend.deletePassword(service, account).then(() => undefined)
        : backend.setPassword(service, account, JSON.stringify(pending)),
    );
    if (!wrote.ok) log.warn('keychain: could not save the pending sign-ups', { error: wrote.error });
  };

  return {
    get: (username) => serial(async () => (await read())[keyOf(username)]),
    save: (entry) =>
      serial(async () => {
        await write({ ...(await read()), [keyOf(entry.username)]: entry });
      }),
    forget: (username) =>
      serial(async () => {
        const pending = await read();
        if (pending[keyOf(username)] === undefined) return;
        const { [keyOf(username)]: _gone, ...rest } = pending;
        await write(rest);
      }),
  };
}
