import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAccountStore } from './account-store';
import { slugFor } from './account-names';
import { workDirFor } from './workdirs';

let dataDir: string;
let t = 1_700_000_000_000;
const now = () => t;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lgw-accounts-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe('account store', () => {
  it('adds accounts with a slug id and a 0700 workDir, and persists them', async () => {
    const store = await openAccountStore({ dataDir, now });
    const a = await store.add({ name: 'Work Account', note: ' main ' });
    const b = await store.add({ name: '工作' });
    expect(a).toMatchObject({
      id: 'work-account',
      name: 'Work Account',
      enabled: true,
      workers: 1,
      note: 'main',
    });
    expect(b.id).toBe('account');
    const dir = store.workDirFor(a.id);
    expect(dir).toBe(join(dataDir, 'accounts', 'work-account', 'workdir'));
    expect(dir).toBe(workDirFor(dataDir, a.id));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'accounts.json'))).mode & 0o777).toBe(0o600);
    const reopened = await openAccountStore({ dataDir, now });
    expect(reopened.list()).toEqual([a, b]);
    expect(reopened.warnings).toEqual([]);
  });

  it('keeps names unique regardless of case and spacing', async () => {
    const store = await openAccountStore({ dataDir, now });
    const a = await store.add({ name: 'Alice' });
    await expect(store.add({ name: ' alice ' })).rejects.toMatchObject({ code: 'duplicate_name' });
    const b = await store.add({ name: 'Bob' });
    await expect(store.update(b.id, { name: 'ALICE' })).rejects.toMatchObject({
      code: 'duplicate_name',
    });
    await expect(store.add({ name: '' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(store.add({ name: 'x'.repeat(65) })).rejects.toMatchObject({ code: 'invalid' });
    expect(store.findByName('ALICE')?.id).toBe(a.id);
    await store.update(a.id, { name: 'alice' }); // its own name in another case is fine
    expect(store.get(a.id)?.name).toBe('alice');
  });

  it('updates fields and notifies listeners', async () => {
    const store = await openAccountStore({ dataDir, now, defaultWorkers: 2 });
    const seen: number[] = [];
    const off = store.onChange((list) => seen.push(list.length));
    const a = await store.add({ name: 'a', note: 'n' });
    expect(a.workers).toBe(2);
    t += 1000;
    const u = await store.update(a.id, { enabled: false, workers: 3, lastLoginAt: 5, note: null });
    expect(u).toMatchObject({ enabled: false, workers: 3, lastLoginAt: 5, updatedAt: t });
    expect(u).not.toHaveProperty('note');
    await expect(store.update(a.id, { workers: 0 })).rejects.toMatchObject({ code: 'invalid' });
    await expect(store.update('ghost', {})).rejects.toMatchObject({ code: 'not_found' });
    off();
    await store.update(a.id, { lastLoginAt: null });
    expect(seen).toEqual([1, 1]);
    expect(store.get(a.id)).not.toHaveProperty('lastLoginAt');
  });

  it('removes an account and deletes its workDir only when asked', async () => {
    const store = await openAccountStore({ dataDir, now });
    const keep = await store.add({ name: 'keep' });
    const drop = await store.add({ name: 'drop' });
    await writeFile(join(store.workDirFor(keep.id), 'marker'), 'login');
    await store.remove(keep.id, { deleteWorkDir: false });
    await store.remove(drop.id, { deleteWorkDir: true });
    expect(store.list()).toEqual([]);
    expect(await readFile(join(store.workDirFor(keep.id), 'marker'), 'utf8')).toBe('login');
    expect(await exists(join(dataDir, 'accounts', drop.id))).toBe(false);
    // A new account with the old name must not adopt the kept login.
    const again = await store.add({ name: 'keep' });
    expect(again.id).toBe('keep-2');
    await expect(store.remove('ghost', { deleteWorkDir: true })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('recovers accounts from their folders when the registry is corrupt', async () => {
    const store = await openAccountStore({ dataDir, now });
    await store.add({ name: 'one' });
    await store.add({ name: 'two' });
    await writeFile(join(dataDir, 'accounts.json'), '{"schemaVersion":1,"acc');
    const recovered = await openAccountStore({ dataDir, now });
    expect(recovered.list().map((a) => [a.id, a.name])).toEqual([
      ['one', 'one'],
      ['two', 'two'],
    ]);
    expect(recovered.warnings[0]).toMatch(/kept as .*accounts\.json\.corrupt-/);
    const names = await readdir(dataDir);
    expect(names.some((n) => n.startsWith('accounts.json.corrupt-'))).toBe(true);
  });

  it('drops invalid records but keeps a copy of the original file', async () => {
    await mkdir(dataDir, { recursive: true });
    const original = JSON.stringify({
      schemaVersion: 1,
      accounts: [
        { id: 'ok', name: 'ok', createdAt: 1 },
        { id: '../../etc', name: 'evil', createdAt: 1 },
        { id: 'dup', name: 'OK', createdAt: 2 },
        { id: 'ok', name: 'twin', createdAt: 3 },
      ],
    });
    await writeFile(join(dataDir, 'accounts.json'), original);
    const store = await openAccountStore({ dataDir, now });
    expect(store.list().map((a) => [a.id, a.name])).toEqual([
      ['ok', 'ok'],
      ['dup', 'OK (2)'],
    ]);
    expect(store.warnings[0]).toMatch(/2 invalid account record/);
    const bak = (await readdir(dataDir)).find((n) => n.startsWith('accounts.json.bak-')) ?? '';
    expect(await readFile(join(dataDir, bak), 'utf8')).toBe(original);
  });
});

describe('slugFor', () => {
  it('makes short url-safe ids and avoids taken ones', () => {
    const taken = new Set(['alice', 'alice-2']);
    expect(slugFor('Alice', (id) => taken.has(id))).toBe('alice-3');
    expect(slugFor('bob@example.com', () => false)).toBe('bob-example-com');
    expect(slugFor('Ünïcödé  name!!', () => false)).toBe('unicode-name');
    expect(slugFor('x'.repeat(100), () => false)).toHaveLength(20);
  });
});
