import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_MAX_BYTES, BundleError, exportBundle, importBundle } from './bundle';
import { sealBundle } from './bundle-format';

const PASS = 'correct horse battery';
const ID = '5f1c2e0a-1111-4222-8333-444455556666';
const USER = 'QUVTLWNpcGhlcnRleHQtb2YtdGhlLXVzZXI=';
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lgw-bundle-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function loggedIn(name: string, extra: Record<string, string> = {}): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'cache', 'db'), { recursive: true });
  await writeFile(join(dir, 'cache', 'id'), ID);
  await writeFile(join(dir, 'cache', 'user'), USER);
  await writeFile(join(dir, 'cache', 'db', 'local.db'), 'not exported');
  for (const [p, c] of Object.entries(extra)) await writeFile(join(dir, p), c);
  return dir;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BundleError);
    expect((err as Error).message).not.toContain(PASS);
    return (err as BundleError).code;
  }
  throw new Error('expected a BundleError');
}

async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, prefix: string): Promise<void> => {
    for (const name of (await readdir(d).catch(() => [])).sort()) {
      const st = await lstat(join(d, name));
      out.push(prefix + name + (st.isDirectory() ? '/' : ''));
      if (st.isDirectory()) await walk(join(d, name), `${prefix}${name}/`);
    }
  };
  await walk(dir, '');
  return out;
}

const file = (dir: string, p: string) => readFile(join(dir, p), 'utf8');

describe('export and import', () => {
  it('round-trips a login into an empty workDir, files 0600', async () => {
    const src = await loggedIn('src', {
      'cache/quota': 'Q',
      'cache/machine_token.json': '{"token":"t"}',
    });
    const data = await exportBundle(src, PASS, { accountName: 'work', now: () => 0 });
    const text = data.toString('utf8');
    expect(JSON.parse(text)).toMatchObject({
      format: 'lingma-gateway-bundle',
      v: 1,
      kdf: 'scrypt',
    });
    for (const secret of [ID, USER, 'local.db', '"token"']) expect(text).not.toContain(secret);

    const dst = join(root, 'dst');
    const result = await importBundle(dst, data, PASS);
    expect(result).toEqual({
      written: ['cache/id', 'cache/quota', 'cache/machine_token.json', 'cache/user'],
      skipped: [],
      insecure: false,
      replacedLogin: false,
      accountName: 'work',
      exportedAt: '1970-01-01T00:00:00.000Z',
    });
    expect(await file(dst, 'cache/id')).toBe(ID);
    expect(await file(dst, 'cache/user')).toBe(USER);
    expect(await file(dst, 'cache/quota')).toBe('Q');
    expect((await stat(join(dst, 'cache', 'user'))).mode & 0o777).toBe(0o600);
    expect(await tree(dst)).toEqual([
      'cache/',
      'cache/id',
      'cache/machine_token.json',
      'cache/quota',
      'cache/user',
    ]);
  });

  it('imports next to the files a fresh child already created', async () => {
    const data = await exportBundle(await loggedIn('src'), PASS);
    const dst = join(root, 'fresh');
    await mkdir(join(dst, 'cache', 'db'), { recursive: true });
    await writeFile(join(dst, 'cache', 'id'), 'regenerated-id');
    await writeFile(join(dst, 'cache', 'db', 'local.db'), 'keep me');
    await importBundle(dst, data, PASS);
    expect(await file(dst, 'cache/id')).toBe(ID);
    expect(await file(dst, 'cache/db/local.db')).toBe('keep me');
    expect((await readdir(dst)).sort()).toEqual(['cache']);
  });

  it('refuses to export without a login or with a weak passphrase', async () => {
    const empty = join(root, 'empty');
    await mkdir(join(empty, 'cache'), { recursive: true });
    await writeFile(join(empty, 'cache', 'id'), ID);
    expect(await code(exportBundle(empty, PASS))).toBe('not_logged_in');
    expect(await code(exportBundle(await loggedIn('x'), 'short'))).toBe('weak_passphrase');
  });

  it('reports a wrong passphrase clearly', async () => {
    const data = await exportBundle(await loggedIn('src'), PASS);
    const err = await importBundle(join(root, 'dst'), data, 'wrong passphrase').catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      code: 'decrypt_failed',
      message: expect.stringMatching(/passphrase is wrong/),
    });
    expect(await tree(join(root, 'dst'))).toEqual([]);
  });

  it('detects tampering with the data or the header', async () => {
    const env = JSON.parse((await exportBundle(await loggedIn('src'), PASS)).toString()) as Record<
      string,
      unknown
    >;
    const data = Buffer.from(String(env.data), 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    const flipped = { ...env, data: data.toString('base64') };
    expect(
      await code(importBundle(join(root, 'a'), Buffer.from(JSON.stringify(flipped)), PASS)),
    ).toBe('decrypt_failed');
    const header = { ...env, kdfParams: { N: 1 << 14, r: 8, p: 1 } };
    expect(
      await code(importBundle(join(root, 'b'), Buffer.from(JSON.stringify(header)), PASS)),
    ).toBe('decrypt_failed');
    const huge = { ...env, kdfParams: { N: 1 << 24, r: 8, p: 1 } };
    expect(await code(importBundle(join(root, 'c'), Buffer.from(JSON.stringify(huge)), PASS))).toBe(
      'bad_format',
    );
    expect(await tree(root)).toEqual([
      'src/',
      'src/cache/',
      'src/cache/db/',
      'src/cache/db/local.db',
      'src/cache/id',
      'src/cache/user',
    ]);
  });

  it('rejects more than 4 MiB before looking at the content', async () => {
    const junk = Buffer.alloc(BUNDLE_MAX_BYTES + 1, 0x41); // would be bad_format if parsed
    expect(await code(importBundle(join(root, 'dst'), junk, PASS))).toBe('too_large');
    expect(await tree(root)).toEqual([]);
  });

  it('rejects paths outside the login files', async () => {
    for (const path of [
      '../evil',
      'cache/../../evil',
      '/etc/passwd',
      'cache/db/local.db',
      'cache\\id',
    ]) {
      const files = new Map([
        ['cache/id', Buffer.from(ID)],
        ['cache/user', Buffer.from(USER)],
        [path, Buffer.from('x')],
      ]);
      const data = await sealBundle({ files }, PASS);
      expect(await code(importBundle(join(root, 'dst'), data, PASS))).toBe('bad_path');
    }
    const legacy = JSON.stringify({ 'cache/id': 'aWQ=', 'cache/user': 'dQ==', '../../x': 'eA==' });
    expect(await code(importBundle(join(root, 'dst'), Buffer.from(legacy), ''))).toBe('bad_path');
    expect(await tree(root)).toEqual([]);
  });

  it('requires both cache/id and cache/user', async () => {
    const data = await sealBundle({ files: new Map([['cache/id', Buffer.from(ID)]]) }, PASS);
    expect(await code(importBundle(join(root, 'dst'), data, PASS))).toBe('missing_files');
  });

  it('refuses to overwrite an active login unless forced', async () => {
    const data = await exportBundle(await loggedIn('src'), PASS);
    const dst = await loggedIn('dst');
    await writeFile(join(dst, 'cache', 'user'), 'other-login');
    await writeFile(join(dst, 'cache', 'quota'), 'old-quota');
    expect(await code(importBundle(dst, data, PASS))).toBe('active_login');
    expect(await file(dst, 'cache/user')).toBe('other-login');
    const r = await importBundle(dst, data, PASS, { force: true });
    expect(r.replacedLogin).toBe(true);
    expect(await file(dst, 'cache/user')).toBe(USER);
    // The old login's quota belonged to the old id: it does not survive the swap.
    expect(await tree(join(dst, 'cache'))).toEqual(['db/', 'db/local.db', 'id', 'user']);
  });

  it('puts every original file back when an import fails midway', async () => {
    const data = await exportBundle(await loggedIn('src', { 'cache/quota': 'Q' }), PASS);
    const dst = await loggedIn('dst');
    await writeFile(join(dst, 'cache', 'id'), 'old-id');
    await writeFile(join(dst, 'cache', 'user'), 'old-user');
    // user and id are moved out before quota is reached; the directory there stops the import.
    await mkdir(join(dst, 'cache', 'quota'));
    expect(await code(importBundle(dst, data, PASS, { force: true }))).toBe('io');
    expect(await file(dst, 'cache/id')).toBe('old-id');
    expect(await file(dst, 'cache/user')).toBe('old-user');
    expect(await tree(dst)).toEqual([
      'cache/',
      'cache/db/',
      'cache/db/local.db',
      'cache/id',
      'cache/quota/',
      'cache/user',
    ]);
  });
});

describe('legacy (predecessor) bundles, hand-made forms', () => {
  const files = {
    'cache/id': Buffer.from(ID).toString('base64'),
    'cache/user': Buffer.from(USER).toString('base64'),
    'cache/config.json': Buffer.from('{}').toString('base64'),
  };
  const json = JSON.stringify(files);
  const forms: Array<[string, string]> = [
    ['raw JSON', json],
    ['base64 JSON', Buffer.from(json).toString('base64')],
    ['base64 gzip JSON', gzipSync(json).toString('base64')],
    ['export endpoint answer', JSON.stringify({ bundle_b64: gzipSync(json).toString('base64') })],
  ];

  it.each(forms)('imports the %s form with its config, flagged insecure', async (_label, text) => {
    const dst = join(root, 'dst');
    const r = await importBundle(dst, Buffer.from(text), '');
    expect(r).toMatchObject({ insecure: true, legacyContainer: 'json' });
    expect(r.written).toEqual(['cache/id', 'cache/config.json', 'cache/user']);
    expect(await file(dst, 'cache/id')).toBe(ID);
    expect(await file(dst, 'cache/user')).toBe(USER);
    expect(await file(dst, 'cache/config.json')).toBe('{}');
  });

  it('reads short names, and values that are the file text itself', async () => {
    const dst = join(root, 'short');
    const text = JSON.stringify({ files: { id: ID, user: files['cache/user'] } });
    await importBundle(dst, Buffer.from(text), '');
    expect(await file(dst, 'cache/id')).toBe(ID);
    expect(await file(dst, 'cache/user')).toBe(USER);
  });

  it('rejects junk', async () => {
    expect(await code(importBundle(join(root, 'b'), Buffer.from('%%% not a bundle'), ''))).toBe(
      'bad_format',
    );
    expect(await code(importBundle(join(root, 'c'), Buffer.from('{"cache/id": 5'), ''))).toBe(
      'bad_format',
    );
  });
});
