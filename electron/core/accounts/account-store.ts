/**
 * The accounts registry: which Lingma accounts exist, what they are called, whether they run.
 * One JSON file (`<dataDir>/accounts.json`, atomic writes). The logins themselves live in each
 * account's workDir (see workdirs.ts); the registry never holds a credential.
 *
 * Losing the registry must not lose logins: if the file is corrupt it is moved aside and every
 * account directory found on disk is registered again (named after its id), and records that fail
 * validation are kept in a `.bak-<ts>` copy before the cleaned file replaces them.
 */
import { join } from 'node:path';
import {
  copyAside,
  quarantine,
  readJsonFile,
  WriteQueue,
  writeFileAtomic,
} from '../util/atomic-file';
import { cleanAccountName, isAccountId, MAX_NAME_LENGTH, nameKey, slugFor } from './account-names';
import { accountDirsOnDisk, deleteAccountDir, ensureWorkDir, workDirFor } from './workdirs';

/** One registered account. */
export interface AccountRecord {
  /** Short url-safe slug, fixed at creation; names the workDir. */
  id: string;
  /** Display name, unique case-insensitively. */
  name: string;
  /** Disabled accounts keep their login but get no child process. */
  enabled: boolean;
  /** Lingma children for this account (1–16). */
  workers: number;
  createdAt: number;
  updatedAt: number;
  lastLoginAt?: number;
  note?: string;
}

/** Input of {@link AccountStore.add}. */
export interface NewAccount {
  name: string;
  enabled?: boolean;
  workers?: number;
  note?: string;
}

/** Input of {@link AccountStore.update}; `null` clears an optional field. */
export interface AccountPatch {
  name?: string;
  enabled?: boolean;
  workers?: number;
  lastLoginAt?: number | null;
  note?: string | null;
}

/** The registry. Reads are synchronous (served from memory); writes are serialised. */
export interface AccountStore {
  readonly dataDir: string;
  /** Problems found on open (corrupt file kept aside, records dropped, accounts recovered). */
  readonly warnings: readonly string[];
  list(): AccountRecord[];
  get(id: string): AccountRecord | undefined;
  /** Case-insensitive lookup by name. */
  findByName(name: string): AccountRecord | undefined;
  workDirFor(id: string): string;
  /** Registers an account and creates its workDir (0700). */
  add(input: NewAccount): Promise<AccountRecord>;
  update(id: string, patch: AccountPatch): Promise<AccountRecord>;
  /** Unregisters; the workDir (the login) is deleted only when `deleteWorkDir` is true. */
  remove(id: string, options: { deleteWorkDir: boolean }): Promise<void>;
  /** Called after every change with the new list; returns an unsubscribe function. */
  onChange(listener: (accounts: AccountRecord[]) => void): () => void;
}

/** Options for {@link openAccountStore}. */
export interface AccountStoreOptions {
  dataDir: string;
  /** Registry file; default `<dataDir>/accounts.json`. */
  file?: string;
  now?: () => number;
  /** Workers for accounts added without a count (settings.routing.workersPerAccount). */
  defaultWorkers?: number;
}

const MAX_WORKERS = 16;

function fail(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function validWorkers(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS;
}

function cleanNote(note: unknown): string | undefined {
  return typeof note === 'string' && note.trim() !== '' ? note.trim().slice(0, 500) : undefined;
}

function parseRecord(raw: unknown, defaultWorkers: number): AccountRecord | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const name = cleanAccountName(r.name);
  if (typeof r.id !== 'string' || !isAccountId(r.id) || !name) return undefined;
  if (typeof r.createdAt !== 'number') return undefined;
  const record: AccountRecord = {
    id: r.id,
    name,
    enabled: typeof r.enabled === 'boolean' ? r.enabled : true,
    workers: validWorkers(r.workers) ? r.workers : defaultWorkers,
    createdAt: r.createdAt,
    updatedAt: typeof r.updatedAt === 'number' ? r.updatedAt : r.createdAt,
  };
  if (typeof r.lastLoginAt === 'number') record.lastLoginAt = r.lastLoginAt;
  const note = cleanNote(r.note);
  if (note) record.note = note;
  return record;
}

/** Opens (or creates) the registry under `dataDir`. */
export async function openAccountStore(options: AccountStoreOptions): Promise<AccountStore> {
  const { dataDir } = options;
  const file = options.file ?? join(dataDir, 'accounts.json');
  const now = options.now ?? Date.now;
  const defaultWorkers = validWorkers(options.defaultWorkers) ? options.defaultWorkers : 1;
  const warnings: string[] = [];
  const queue = new WriteQueue();
  const listeners = new Set<(accounts: AccountRecord[]) => void>();
  let records: AccountRecord[] = [];

  const write = (next: AccountRecord[]): Promise<void> =>
    writeFileAtomic(file, JSON.stringify({ schemaVersion: 1, accounts: next }, null, 2) + '\n', {
      mode: 0o600,
    });
  const commit = async (next: AccountRecord[]): Promise<void> => {
    await write(next);
    records = next;
    const snapshot = list();
    for (const l of listeners) l(snapshot);
  };
  const list = (): AccountRecord[] => records.map((r) => ({ ...r }));
  const byName = (name: string, except?: string): AccountRecord | undefined =>
    records.find((r) => r.id !== except && nameKey(r.name) === nameKey(name));
  const existing = (id: string): AccountRecord => {
    const r = records.find((a) => a.id === id);
    if (!r) throw fail('not_found', `No account ${id}.`);
    return r;
  };
  const checkName = (raw: unknown, except?: string): string => {
    const name = cleanAccountName(raw);
    if (!name) throw fail('invalid', `An account name must be 1 to ${MAX_NAME_LENGTH} characters.`);
    if (byName(name, except)) throw fail('duplicate_name', `An account named "${name}" exists.`);
    return name;
  };

  // --- load ---
  let read = await readJsonFile(file, now());
  const data = read.kind === 'ok' ? (read.value as { accounts?: unknown }) : undefined;
  if (read.kind === 'ok' && !Array.isArray(data?.accounts)) {
    read = await quarantine(file, now(), 'no "accounts" list');
  }
  if (read.kind === 'corrupt') {
    const recovered = (await accountDirsOnDisk(dataDir)).map((id) => {
      const t = now();
      return { id, name: id, enabled: true, workers: defaultWorkers, createdAt: t, updatedAt: t };
    });
    warnings.push(
      `The accounts file could not be read (${read.reason}); it was kept as ${read.movedTo}. ` +
        `${recovered.length} account folder(s) found on disk were registered again under their ids.`,
    );
    await write(recovered);
    records = recovered;
  } else if (read.kind === 'ok') {
    let dropped = 0;
    const seen = new Set<string>();
    for (const raw of data?.accounts as unknown[]) {
      const r = parseRecord(raw, defaultWorkers);
      if (!r || seen.has(r.id)) {
        dropped++;
        continue;
      }
      seen.add(r.id);
      // Two records with one name (hand edit): keep both logins, make the names distinct.
      for (let n = 2; byName(r.name); n++)
        r.name = `${r.name.slice(0, MAX_NAME_LENGTH - 5)} (${n})`;
      records.push(r);
    }
    if (dropped > 0) {
      const kept = await copyAside(file, 'bak', now());
      warnings.push(
        `${dropped} invalid account record(s) were dropped; the original file was kept as ${kept}.`,
      );
      await write(records);
    }
  }

  return {
    dataDir,
    warnings,
    list,
    get: (id) => {
      const r = records.find((a) => a.id === id);
      return r ? { ...r } : undefined;
    },
    findByName: (name) => {
      const r = byName(name);
      return r ? { ...r } : undefined;
    },
    workDirFor: (id) => workDirFor(dataDir, id),
    add: (input) =>
      queue.run(async () => {
        const name = checkName(input.name);
        if (input.workers !== undefined && !validWorkers(input.workers)) {
          throw fail('invalid', `Workers must be an integer from 1 to ${MAX_WORKERS}.`);
        }
        // A directory left behind by a removed account is never adopted by a new one.
        const onDisk = new Set(await accountDirsOnDisk(dataDir));
        const id = slugFor(name, (c) => onDisk.has(c) || records.some((r) => r.id === c));
        const t = now();
        const record: AccountRecord = {
          id,
          name,
          enabled: input.enabled ?? true,
          workers: input.workers ?? defaultWorkers,
          createdAt: t,
          updatedAt: t,
        };
        const note = cleanNote(input.note);
        if (note) record.note = note;
        await ensureWorkDir(dataDir, id);
        try {
          await commit([...records, record]);
        } catch (err) {
          await deleteAccountDir(dataDir, id).catch(() => undefined);
          throw err;
        }
        return { ...record };
      }),
    update: (id, patch) =>
      queue.run(async () => {
        const r = { ...existing(id) };
        if (patch.name !== undefined) r.name = checkName(patch.name, id);
        if (patch.enabled !== undefined) r.enabled = patch.enabled === true;
        if (patch.workers !== undefined) {
          if (!validWorkers(patch.workers)) {
            throw fail('invalid', `Workers must be an integer from 1 to ${MAX_WORKERS}.`);
          }
          r.workers = patch.workers;
        }
        if (patch.lastLoginAt === null) delete r.lastLoginAt;
        else if (typeof patch.lastLoginAt === 'number') r.lastLoginAt = patch.lastLoginAt;
        if (patch.note !== undefined) {
          const note = cleanNote(patch.note);
          if (note) r.note = note;
          else delete r.note;
        }
        r.updatedAt = now();
        await commit(records.map((a) => (a.id === id ? r : a)));
        return { ...r };
      }),
    remove: (id, options) =>
      queue.run(async () => {
        existing(id);
        // Registry first: a failed delete then leaves a stray folder, never a listed account
        // whose login is gone.
        await commit(records.filter((a) => a.id !== id));
        if (options.deleteWorkDir) await deleteAccountDir(dataDir, id);
      }),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
