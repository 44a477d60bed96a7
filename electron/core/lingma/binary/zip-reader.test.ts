import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareVersions, lingmaPlatformDir } from './platform';
import { extractEntry, fileZipSource, readZipEntries } from './zip-reader';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lingma-zip-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('zip reader', () => {
  const text = new TextEncoder().encode('hello lingma '.repeat(100));

  it('lists file entries and extracts stored and deflated ones', async () => {
    const zip = join(dir, 'a.zip');
    await writeFile(
      zip,
      zipSync({ d: { 'stored.txt': [text, { level: 0 }], 'deflated.txt': text } }),
    );
    const entries = await readZipEntries(await fileZipSource(zip));
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ['d/stored.txt', 0],
      ['d/deflated.txt', 8],
    ]);
    for (const entry of entries) {
      const out = join(dir, entry.name.replace('/', '-'));
      await extractEntry(await fileZipSource(zip), entry, out);
      expect(await readFile(out)).toEqual(Buffer.from(text));
    }
  });

  it('detects a corrupted entry by its CRC', async () => {
    const bytes = zipSync({ 'a.txt': [text, { level: 0 }] });
    const at = 30 + 'a.txt'.length + 3; // a byte inside the stored data
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    const zip = join(dir, 'bad.zip');
    await writeFile(zip, bytes);
    const source = await fileZipSource(zip);
    const [entry] = await readZipEntries(source);
    await expect(extractEntry(source, entry!, join(dir, 'out'))).rejects.toMatchObject({
      code: 'bad-archive',
      message: expect.stringContaining('CRC') as unknown,
    });
  });
});

describe('platform helpers', () => {
  it('orders versions numerically, pre-releases first', () => {
    const sorted = ['2.10.0', '2.9.9', 'junk', '2.10.0-beta.1', '2.11'].sort(compareVersions);
    expect(sorted).toEqual(['junk', '2.9.9', '2.10.0-beta.1', '2.10.0', '2.11']);
  });

  it('maps hosts to Lingma platform dirs', () => {
    expect(lingmaPlatformDir('darwin', 'arm64')).toBe('aarch64_darwin');
    expect(lingmaPlatformDir('linux', 'arm64')).toBe('aarch64_linux');
    expect(lingmaPlatformDir('win32', 'x64')).toBe('x86_64_windows');
    expect(lingmaPlatformDir('linux', 'ia32')).toBeUndefined();
  });
});
