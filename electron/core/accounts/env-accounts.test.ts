import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAccountStore } from './account-store';
import { exportBundle } from './bundle';
import { fromEnvAccounts, importEnvAccounts } from './env-accounts';

describe('fromEnvAccounts', () => {
  it('parses the user:pass list, keeping names and dropping passwords', () => {
    const r = fromEnvAccounts(' alice@example.com:p:w1 , bob:pw2,\ncarol ,, ');
    expect(r.accounts).toEqual([{ name: 'alice@example.com' }, { name: 'bob' }, { name: 'carol' }]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/2 password\(s\)/);
    expect(r.warnings[0]).not.toMatch(/p:w1|pw2/);
  });

  it('parses the JSON form with per-account bundles', () => {
    const r = fromEnvAccounts(
      JSON.stringify([
        { username: 'u1', password: 'p1', session_bundle_file: '/secrets/u1.b64' },
        { username: 'u2', password: 'p2', session_bundle: 'H4sIAAAA' },
        { name: 'u3' },
        'u4:p4',
        42,
        { password: 'orphan' },
        { username: 'U1' },
      ]),
    );
    expect(r.accounts).toEqual([
      { name: 'u1', bundle: { file: '/secrets/u1.b64' } },
      { name: 'u2', bundle: { inline: 'H4sIAAAA' } },
      { name: 'u3' },
      { name: 'u4' },
    ]);
    expect(r.warnings).toEqual([
      'LINGMA_ACCOUNTS entry 5 is not an object; skipped.',
      'LINGMA_ACCOUNTS entry 6 has no usable user name; skipped.',
      'LINGMA_ACCOUNTS lists "U1" twice; the later entry was skipped.',
      expect.stringMatching(/4 password\(s\)/),
    ]);
  });

  it('never echoes broken JSON (it may hold passwords)', () => {
    const r = fromEnvAccounts('[{"username":"a","password":"hunter2"');
    expect(r.accounts).toEqual([]);
    expect(r.warnings.join()).not.toContain('hunter2');
  });

  it('treats an empty value as no accounts', () => {
    expect(fromEnvAccounts('  ')).toEqual({ accounts: [], warnings: [] });
  });
});

describe('importEnvAccounts', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lgw-envacc-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('registers accounts once and imports their bundles into empty workDirs', async () => {
    const legacy = gzipSync(
      JSON.stringify({
        'cache/id': Buffer.from('ID-1').toString('base64'),
        'cache/user': 'VVNFUg==',
      }),
    ).toString('base64');
    const bundleFile = join(dataDir, 'u1.b64');
    await writeFile(bundleFile, legacy);
    const store = await openAccountStore({ dataDir });
    const accounts = [
      { name: 'u1', bundle: { file: bundleFile } },
      { name: 'u2', bundle: { inline: 'garbage!' } },
      { name: 'u3' },
    ];
    const first = await importEnvAccounts(store, accounts);
    expect(first.added).toEqual(['u1', 'u2', 'u3']);
    expect(first.imported).toEqual(['u1']);
    expect(first.warnings).toEqual([
      expect.stringMatching(/"u1" was unencrypted/),
      expect.stringMatching(/"u2" not imported: This is not a Lingma Gateway bundle/),
    ]);
    const u1 = store.findByName('u1');
    expect(await readFile(join(store.workDirFor(u1?.id ?? ''), 'cache', 'id'), 'utf8')).toBe(
      'ID-1',
    );

    // Second start: nothing new, and the active login is not overwritten.
    const second = await importEnvAccounts(store, accounts);
    expect(second.added).toEqual([]);
    expect(second.imported).toEqual([]);
    expect(second.warnings[0]).toMatch(/"u1" not imported: This account is already logged in/);
    expect(store.list()).toHaveLength(3);
  });

  it('imports an encrypted bundle with the given passphrase', async () => {
    const store = await openAccountStore({ dataDir });
    const src = await store.add({ name: 'src' });
    const dir = store.workDirFor(src.id);
    await rm(dir, { recursive: true });
    await mkdir(join(dir, 'cache'), { recursive: true });
    await writeFile(join(dir, 'cache', 'id'), 'ID-2');
    await writeFile(join(dir, 'cache', 'user'), 'USER-2');
    const sealed = await exportBundle(dir, 'passphrase-123');
    const r = await importEnvAccounts(store, [{ name: 'dst', bundle: { file: 'x' } }], {
      passphrase: 'passphrase-123',
      readBundleFile: async () => sealed,
    });
    expect(r.imported).toEqual(['dst']);
    expect(r.warnings).toEqual([]);
  });
});
