import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BinaryStatusDto } from '../../shared/dto';
import { defaultSettings } from '../config/settings';
import { TEST_MIN_SIZES } from '../lingma/binary/testing/fake-vsix';
import { silentLogger } from '../util/logger';
import { BinaryService } from './binary-service';
import { SpeedMeter } from './download-speed';
import {
  buildLingmaPackage,
  startLingmaDownloadServer,
  type LingmaDownloadServer,
} from './testing/lingma-download';

let server: LingmaDownloadServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lgw-binary-'));
  const pkg = buildLingmaPackage({
    target: '/bin/true',
    lingmaSize: 4096,
    localSize: 1024,
    paddingBytes: 1_500_000,
  });
  server = await startLingmaDownloadServer(pkg, 1_000_000);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function service(name: string) {
  const settings = defaultSettings();
  settings.lingma.vsixUrl = server.vsixUrl;
  const seen: BinaryStatusDto[] = [];
  const s = new BinaryService({
    dataDir: join(dir, name),
    settings: () => settings,
    env: { HOME: join(dir, name, 'home') },
    logger: silentLogger,
    bootstrap: { minSizes: TEST_MIN_SIZES },
  });
  s.onProgress((st) => seen.push(st));
  return { s, seen };
}

describe('getting Lingma', () => {
  it('reports missing, then size and speed while downloading, then found', async () => {
    server.failing = false;
    const { s, seen } = service('ok');
    await s.resolve();
    expect(s.status()).toMatchObject({ state: 'missing' });
    const done = await s.download();
    expect(done).toMatchObject({ state: 'found', source: 'app-data', version: '2.11.2' });
    expect(done.download).toBeUndefined();
    const during = seen.filter(
      (x) => x.state === 'downloading' && x.download?.phase === 'download',
    );
    expect(during.at(-1)?.download?.totalBytes).toBeGreaterThan(1_500_000);
    expect(during.some((x) => (x.download?.bytesPerSecond ?? 0) > 100_000)).toBe(true);
    expect(await s.ensure()).toBe(done.path);
  });

  it('cancels a running download: "cancelled", not failed, and nothing half-installed', async () => {
    server.failing = false;
    const { s } = service('cancel');
    const running = s.download();
    await new Promise((r) => setTimeout(r, 400));
    expect(s.status().state).toBe('downloading');
    s.cancel();
    const after = await running;
    expect(after).toMatchObject({ state: 'missing', cancelled: true });
    expect(after.failure).toBeUndefined();
    // Starting an account now fails at once instead of silently downloading again.
    await expect(s.ensure()).rejects.toMatchObject({ code: 'binary_missing' });
    expect((await s.resolve()).found).toBe(false);
  });

  it('remembers a failure with its cause until the user retries, and the retry clears it', async () => {
    server.failing = true;
    const { s } = service('fail');
    const failed = await s.download();
    expect(failed).toMatchObject({ state: 'failed', failure: { code: 'http' } });
    expect(failed.download).toBeUndefined();
    const requests = server.requests.length;
    await expect(s.ensure()).rejects.toThrow(/503|download/i);
    expect(server.requests.length).toBe(requests);
    server.failing = false;
    const retried = await s.download();
    expect(retried).toMatchObject({ state: 'found' });
    expect(retried.failure).toBeUndefined();
  });
});

describe('speed meter', () => {
  it('averages over a sliding window and restarts when a phase restarts its count', () => {
    let now = 0;
    const m = new SpeedMeter(() => now, 3000);
    expect(m.sample(0)).toBeUndefined();
    now = 1000;
    expect(m.sample(1_000_000)).toBe(1_000_000);
    now = 2000;
    expect(m.sample(3_000_000)).toBe(1_500_000);
    now = 6000;
    expect(m.sample(4_000_000)).toBe(250_000);
    now = 6100;
    expect(m.sample(10)).toBeUndefined();
  });
});
