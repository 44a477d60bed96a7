/**
 * The predecessor's session bundles, built the way it built them (a Python service: tarfile or a
 * JSON map, gzip, base64 — see testing/make-pred-bundles.py), imported and proven by starting the
 * Lingma simulator on the result; then exported again with quota and config, and round-tripped.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../scripts/lingma-sim/testing';
import { RawRpcClient } from '../../../scripts/lingma-sim/test-support/raw-rpc-client';
import { openAccountStore } from './account-store';
import { BUNDLE_MAX_BYTES, BundleError, exportBundle, importBundle } from './bundle';
import { importEnvAccounts } from './env-accounts';
import { paxPath, writeTar, type TarEntry } from './testing/tar-writer';

const FILES = ['cache/id', 'cache/user', 'cache/quota', 'cache/config.json'];
const fixture = (name: string): Promise<Buffer> =>
  readFile(new URL(`./testing/${name}`, import.meta.url));
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lgw-pred-bundle-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function read(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of FILES) out[f] = await readFile(join(dir, f), 'utf8');
  return out;
}

/** Who the real-protocol simulator says is logged in on `workDir`. */
async function whoIsLoggedIn(workDir: string): Promise<string> {
  const sim = await startSimulator({ workDir });
  const client = await RawRpcClient.connect(sim.socketPort);
  try {
    const r = (await client.request('auth/status', {})).result as { status: number; name: string };
    return r.status === 2 ? r.name : `(status ${r.status})`;
  } finally {
    client.close();
    await sim.stop();
  }
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BundleError);
    return (err as BundleError).code;
  }
  throw new Error('expected a BundleError');
}

describe('predecessor bundles, as it built them', () => {
  it('imports the tar and the JSON form into an empty workDir: all four files, a live login', async () => {
    const tarDir = join(root, 'from-tar');
    const jsonDir = join(root, 'from-json');
    const tar = await importBundle(tarDir, await fixture('pred-bundle-tar.b64'), '');
    const json = await importBundle(jsonDir, await fixture('pred-bundle-json.b64'), '');
    expect(tar).toMatchObject({ insecure: true, legacyContainer: 'tar', replacedLogin: false });
    expect(json).toMatchObject({ insecure: true, legacyContainer: 'json' });
    for (const r of [tar, json]) {
      expect([...r.written].sort()).toEqual([...FILES].sort());
    }
    // Same files byte for byte, whichever container carried them.
    expect(await read(tarDir)).toEqual(await read(jsonDir));
    expect(JSON.parse((await read(tarDir))['cache/config.json'] ?? '')).toMatchObject({
      regionEnv: 'cn',
    });
    expect(await whoIsLoggedIn(tarDir)).toBe('pred-user@example.com');
  });

  it('exports quota and config too, and round-trips them into another empty workDir', async () => {
    const first = join(root, 'first');
    await importBundle(first, await fixture('pred-bundle-tar.b64'), '');
    const sealed = await exportBundle(first, 'passphrase-123', { accountName: 'pred' });
    const second = join(root, 'second');
    const r = await importBundle(second, sealed, 'passphrase-123');
    expect(r).toMatchObject({ insecure: false, accountName: 'pred' });
    expect([...r.written].sort()).toEqual([...FILES].sort());
    expect(await read(second)).toEqual(await read(first));
    expect(await whoIsLoggedIn(second)).toBe('pred-user@example.com');
  });

  it('takes them from LINGMA_SESSION_BUNDLE inline and from a bundle file', async () => {
    const store = await openAccountStore({ dataDir: root });
    const file = join(root, 'u2.b64');
    await writeFile(file, await fixture('pred-bundle-json.b64'));
    const inline = (await fixture('pred-bundle-tar.b64')).toString('utf8').trim();
    const r = await importEnvAccounts(store, [
      { name: 'u1', bundle: { inline } },
      { name: 'u2', bundle: { file } },
    ]);
    expect(r.imported).toEqual(['u1', 'u2']);
    const dirs = ['u1', 'u2'].map((n) => store.workDirFor(store.findByName(n)?.id ?? ''));
    expect(await read(dirs[0] as string)).toEqual(await read(dirs[1] as string));
  });

  it('imports only where no login is, as the predecessor did (cache/user missing or empty)', async () => {
    const dir = join(root, 'busy');
    await importBundle(dir, await fixture('pred-bundle-json.b64'), '');
    expect(await code(importBundle(dir, await fixture('pred-bundle-tar.b64'), ''))).toBe(
      'active_login',
    );
    const fresh = join(root, 'fresh');
    await mkdir(join(fresh, 'cache'), { recursive: true });
    await writeFile(join(fresh, 'cache', 'id'), 'id-a-fresh-child-wrote');
    await writeFile(join(fresh, 'cache', 'user'), '');
    await importBundle(fresh, await fixture('pred-bundle-tar.b64'), '');
    expect(await whoIsLoggedIn(fresh)).toBe('pred-user@example.com');
  });
});

describe('predecessor tar archives that must be refused', () => {
  const login: TarEntry[] = [
    { name: 'cache', type: '5' },
    { name: 'cache/id', content: 'the-id' },
    { name: 'cache/user', content: 'the-user' },
  ];
  const wrap = (tar: Buffer): Buffer => Buffer.from(gzipSync(tar).toString('base64'));

  it('reads PAX long paths and ./ prefixes, and skips directories', async () => {
    const dir = join(root, 'pax');
    const tar = writeTar([
      { name: 'PaxHeader', type: 'x', content: paxPath('./cache/config.json') },
      { name: 'ignored-short-name', content: '{"a":1}' },
      ...login,
    ]);
    const r = await importBundle(dir, wrap(tar), '');
    expect([...r.written].sort()).toEqual(['cache/config.json', 'cache/id', 'cache/user']);
    expect(await readFile(join(dir, 'cache/config.json'), 'utf8')).toBe('{"a":1}');
  });

  it.each<[string, TarEntry[], string]>([
    ['a path outside cache/', [...login, { name: '../../evil', content: 'x' }], 'bad_path'],
    ['a file that is no login file', [...login, { name: 'cache/db/local.db' }], 'bad_path'],
    ['a symlink', [...login, { name: 'cache/quota', type: '2' }], 'bad_format'],
    ['no user file', [login[1] as TarEntry], 'missing_files'],
  ])('refuses %s', async (_label, entries, expected) => {
    expect(await code(importBundle(join(root, 'x'), wrap(writeTar(entries)), ''))).toBe(expected);
  });

  it('refuses corrupt or truncated archives, and more than 4 MiB inflated', async () => {
    const good = writeTar(login);
    const corrupt = Buffer.from(good);
    corrupt[600] = 0x41; // inside the second header: its checksum no longer matches
    expect(await code(importBundle(join(root, 'a'), wrap(corrupt), ''))).toBe('bad_format');
    expect(await code(importBundle(join(root, 'b'), wrap(good.subarray(0, 700)), ''))).toBe(
      'bad_format',
    );
    const bomb = writeTar([
      ...login,
      { name: 'cache/quota', content: Buffer.alloc(BUNDLE_MAX_BYTES) },
    ]);
    expect(await code(importBundle(join(root, 'c'), wrap(bomb), ''))).toBe('bad_format');
  });
});
