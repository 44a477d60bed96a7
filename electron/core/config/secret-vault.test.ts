import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEncryptedFileVault,
  createFileVault,
  createMemoryVault,
  type SecretCrypto,
} from './secret-vault';

let dir: string;
let file: string;
const now = () => Date.UTC(2025, 0, 2, 3, 4, 5);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lgw-vault-'));
  await chmod(dir, 0o700);
  file = join(dir, 'secrets.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A stand-in for safeStorage: AES-256-GCM under a per-test key. */
function fakeCrypto(available = true, key = randomBytes(32)): SecretCrypto & { calls: number } {
  return {
    available,
    calls: 0,
    encrypt(plain) {
      this.calls++;
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
  };
}

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('plaintext file vault', () => {
  it('stores, lists and deletes secrets in a 0600 file', async () => {
    const vault = createFileVault(file);
    expect(vault.encryptedAtRest).toBe(false);
    expect(await vault.get('x')).toBeUndefined();
    await vault.set('admin-token', 'tok-1');
    await vault.set('apikey.a', 'k');
    expect(await mode(file)).toBe(0o600);
    expect(await vault.list()).toEqual(['admin-token', 'apikey.a']);
    await vault.delete('apikey.a');
    const reopened = createFileVault(file);
    expect(await reopened.list()).toEqual(['admin-token']);
    expect(await reopened.get('admin-token')).toBe('tok-1');
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('tightens a file others can read, and warns about an open directory', async () => {
    await createFileVault(file).set('a', 'b');
    await chmod(file, 0o644);
    await chmod(dir, 0o755);
    const warnings: string[] = [];
    const vault = createFileVault(file, { onWarning: (w) => warnings.push(w) });
    expect(await vault.get('a')).toBe('b');
    expect(await mode(file)).toBe(0o600);
    expect(warnings).toEqual([
      expect.stringMatching(/accessible to every user/),
      expect.stringMatching(/readable by others \(mode 644\); it is now 0600/),
    ]);
  });

  it('keeps a corrupt file aside and starts empty', async () => {
    await writeFile(file, '{"format":', { mode: 0o600 });
    const warnings: string[] = [];
    const vault = createFileVault(file, { now, onWarning: (w) => warnings.push(w) });
    expect(await vault.list()).toEqual([]);
    expect(await readFile(`${file}.corrupt-20250102T030405Z`, 'utf8')).toBe('{"format":');
    expect(warnings[0]).toMatch(/not valid JSON/);
  });

  it('rejects invalid names and oversized values', async () => {
    const vault = createFileVault(file);
    await expect(vault.set('../x', 'v')).rejects.toMatchObject({ code: 'invalid' });
    await expect(vault.set('ok', 'v'.repeat(70_000))).rejects.toMatchObject({ code: 'invalid' });
  });

  it('serialises concurrent writes', async () => {
    const vault = createFileVault(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.set(`k${i}`, String(i))));
    expect(await createFileVault(file).list()).toHaveLength(20);
  });
});

describe('encrypted file vault', () => {
  it('never writes a secret in the clear and reads it back', async () => {
    const crypto = fakeCrypto();
    const vault = createEncryptedFileVault(file, crypto);
    expect(vault.encryptedAtRest).toBe(true);
    await vault.set('admin-token', 'super-secret-value');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('super-secret-value');
    expect(text).not.toContain('admin-token');
    expect(JSON.parse(text)).toMatchObject({ encrypted: 'os' });
    expect(await mode(file)).toBe(0o600);
    expect(crypto.calls).toBe(1);
    const again = createEncryptedFileVault(file, crypto);
    expect(await again.get('admin-token')).toBe('super-secret-value');
  });

  it('falls back to the 0600 plaintext file when no keyring is available, and says so', async () => {
    const crypto = fakeCrypto(false);
    const vault = createEncryptedFileVault(file, crypto);
    expect(vault.encryptedAtRest).toBe(false);
    await vault.set('a', 'visible');
    expect(await readFile(file, 'utf8')).toContain('visible');
    expect(crypto.calls).toBe(0);
    expect(await mode(file)).toBe(0o600);
  });

  it('encrypts a plaintext file once a keyring becomes available', async () => {
    await createFileVault(file).set('a', 'was-plain');
    const warnings: string[] = [];
    const vault = createEncryptedFileVault(file, fakeCrypto(), {
      onWarning: (w) => warnings.push(w),
    });
    expect(await vault.get('a')).toBe('was-plain');
    expect(await readFile(file, 'utf8')).not.toContain('was-plain');
    expect(warnings).toEqual([expect.stringMatching(/now encrypted/)]);
  });

  it('keeps a file it cannot decrypt aside instead of overwriting it', async () => {
    await createEncryptedFileVault(file, fakeCrypto()).set('a', 'b');
    const sealed = await readFile(file, 'utf8');
    for (const crypto of [fakeCrypto(true), fakeCrypto(false)]) {
      await writeFile(file, sealed, { mode: 0o600 });
      const warnings: string[] = [];
      const vault = createEncryptedFileVault(file, crypto, {
        now,
        onWarning: (w) => warnings.push(w),
      });
      expect(await vault.list()).toEqual([]);
      expect(warnings[0]).toMatch(/decrypted|not available/);
      await vault.set('c', 'd');
      const kept = (await readdir(dir)).filter((n) => n.includes('.corrupt-'));
      expect(kept.length).toBeGreaterThan(0);
      const keptTexts = await Promise.all(kept.map((n) => readFile(join(dir, n), 'utf8')));
      expect(keptTexts).toContain(sealed);
    }
  });
});

describe('memory vault', () => {
  it('behaves like a vault', async () => {
    const vault = createMemoryVault({ b: '2' });
    await vault.set('a', '1');
    expect(await vault.list()).toEqual(['a', 'b']);
    await vault.delete('b');
    expect(await vault.get('b')).toBeUndefined();
  });
});

it('creates a missing vault directory as 0700', async () => {
  const nested = join(dir, 'deep', 'er');
  await createFileVault(join(nested, 's.json')).set('a', 'b');
  expect(await mode(nested)).toBe(0o700);
});
