import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapLingmaBinary, type BootstrapOptions } from './bootstrap';
import { LingmaBinaryError } from './errors';
import type { BootstrapProgress } from './progress';
import { resolveLingmaBinary } from './resolve';
import {
  buildFakeVsix,
  fakeBinary,
  sendBytes,
  startServer,
  TEST_MIN_SIZES,
  type FakeVsixOptions,
  type TestServer,
} from './testing/fake-vsix';

let appDataDir: string;
let server: TestServer | undefined;

beforeEach(async () => {
  appDataDir = await mkdtemp(join(tmpdir(), 'lingma-bootstrap-'));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(appDataDir, { recursive: true, force: true });
});

/** Every file under `dir`, relative, sorted (directories themselves are not listed). */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function serveVsix(options: FakeVsixOptions = {}): Promise<string> {
  const bytes = buildFakeVsix(options);
  server = await startServer((_req, res) => sendBytes(res, bytes));
  return `${server.url}/vsix`;
}

function bootstrap(url: string, extra: Partial<BootstrapOptions> = {}) {
  return bootstrapLingmaBinary({
    appDataDir,
    platform: 'linux',
    arch: 'x64',
    vsixUrl: url,
    env: {},
    minSizes: TEST_MIN_SIZES,
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<LingmaBinaryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LingmaBinaryError);
  return error as LingmaBinaryError;
}

describe('bootstrapLingmaBinary', () => {
  it('installs Lingma and LingmaLocal from a gzip-wrapped VSIX with a nested zip', async () => {
    const url = await serveVsix({ gzip: true, version: '2.11.2' });
    const events: BootstrapProgress[] = [];
    // The requested version differs on purpose: the archive's own version must win.
    const result = await bootstrap(url, { version: '9.9.9', onProgress: (e) => events.push(e) });

    const dir = join(appDataDir, 'lingma-bin', '2.11.2', 'x86_64_linux');
    expect(result).toMatchObject({
      path: join(dir, 'Lingma'),
      localPath: join(dir, 'LingmaLocal'),
      version: '2.11.2',
      layout: 'nested-zip',
    });
    expect(await readFile(result.path)).toEqual(
      Buffer.from(fakeBinary('Lingma x86_64_linux', 4096)),
    );
    for (const file of [result.path, join(dir, 'LingmaLocal')]) {
      expect((await stat(file)).mode & 0o111).toBe(0o111);
    }
    const { stdout } = await promisify(execFile)(result.path);
    expect(stdout.trim()).toBe('fake Lingma x86_64_linux');
    // No staging leftovers; the resolver finds the new install.
    expect(await listFiles(join(appDataDir, 'lingma-bin'))).toEqual([
      join('2.11.2', 'x86_64_linux', 'Lingma'),
      join('2.11.2', 'x86_64_linux', 'LingmaLocal'),
    ]);
    expect(
      await resolveLingmaBinary({
        appDataDir,
        platform: 'linux',
        arch: 'x64',
        env: {},
        homeDir: appDataDir,
      }),
    ).toMatchObject({
      found: true,
      source: 'app-data',
      version: '2.11.2',
    });
    expect(server?.requests[0]?.userAgent).toMatch(/^Mozilla\/5\.0/);

    const order = ['download', 'extract', 'verify', 'done'];
    expect([...new Set(events.map((e) => e.phase))]).toEqual(order);
    for (let i = 1; i < events.length; i++) {
      const [prev, cur] = [events[i - 1]!, events[i]!];
      expect(order.indexOf(cur.phase)).toBeGreaterThanOrEqual(order.indexOf(prev.phase));
      if (cur.phase === prev.phase) {
        expect(cur.receivedBytes).toBeGreaterThanOrEqual(prev.receivedBytes);
        expect(cur.percent ?? 0).toBeGreaterThanOrEqual(prev.percent ?? 0);
      }
    }
    const lastDownload = events.filter((e) => e.phase === 'download').at(-1);
    expect(lastDownload).toMatchObject({ percent: 100 });
    expect(lastDownload?.receivedBytes).toBe(lastDownload?.totalBytes);
    expect(events.at(-1)).toMatchObject({ phase: 'done', percent: 100 });
  });

  it('reads a plain zip whose inner zip is stored, not deflated', async () => {
    const url = await serveVsix({ innerStored: true, version: '2.12.0' });
    const result = await bootstrap(url);
    expect(result.version).toBe('2.12.0');
    expect((await readFile(result.path, 'utf8')).startsWith('#!/bin/sh')).toBe(true);
  });

  it('accepts a VSIX sent with HTTP Content-Encoding: gzip (size unknown after decoding)', async () => {
    const bytes = buildFakeVsix({ gzip: true });
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(bytes.length) });
      res.end(Buffer.from(bytes));
    });
    const events: BootstrapProgress[] = [];
    const result = await bootstrap(`${server.url}/vsix`, { onProgress: (e) => events.push(e) });
    expect(result.version).toBe('2.11.2');
    const downloads = events.filter((e) => e.phase === 'download');
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((e) => e.totalBytes === undefined && e.percent === undefined)).toBe(
      true,
    );
  });

  it('handles the desktop-app layout (resources/bin/<platform>/) directly in the archive', async () => {
    const url = await serveVsix({ layout: 'desktop', version: '2.10.4' });
    const result = await bootstrap(url, { version: 'latest' });
    expect(result).toMatchObject({ layout: 'desktop', version: '2.10.4' });
    expect(await readFile(result.path)).toEqual(
      Buffer.from(fakeBinary('Lingma x86_64_linux', 4096)),
    );
  });

  it('installs Lingma.exe and LingmaLocal.exe for an injected Windows host', async () => {
    const url = await serveVsix({ platforms: ['x86_64_linux', 'x86_64_windows'] });
    const result = await bootstrap(url, { platform: 'win32', arch: 'x64' });
    expect(result.path).toBe(
      join(appDataDir, 'lingma-bin', '2.11.2', 'x86_64_windows', 'Lingma.exe'),
    );
    expect(result.localPath?.endsWith('LingmaLocal.exe')).toBe(true);
  });

  it('installs from a local VSIX file without any network', async () => {
    const file = join(appDataDir, 'manual.vsix');
    await writeFile(file, buildFakeVsix({ gzip: true }));
    const result = await bootstrap('', { vsixUrl: undefined, env: { LINGMA_VSIX_URL: file } });
    expect(result).toMatchObject({ origin: file, version: '2.11.2' });
  });

  it('rejects a too-small binary and leaves nothing behind', async () => {
    const url = await serveVsix({ lingmaSize: 1000 });
    const error = await failure(bootstrap(url));
    expect(error.code).toBe('too-small');
    expect(error.message).toMatch(/Lingma is only .* below the expected .*Nothing was installed/);
    expect(await listFiles(appDataDir)).toEqual([]);
  });

  it('names the platforms present when the archive lacks ours', async () => {
    const url = await serveVsix({ platforms: ['x86_64_linux'] });
    const error = await failure(bootstrap(url, { platform: 'darwin', arch: 'arm64' }));
    expect(error.code).toBe('not-in-archive');
    expect(error.message).toContain('aarch64_darwin (platforms in the package: x86_64_linux)');
  });

  it('turns a 404 into a clear download error', async () => {
    server = await startServer((_req, res) => res.writeHead(404, 'Not Found').end());
    const error = await failure(bootstrap(`${server.url}/missing`));
    expect(error.code).toBe('http');
    expect(error.message).toMatch(
      /^Could not download the Lingma extension from 127\.0\.0\.1:\d+: the server answered HTTP 404 Not Found .*Check your connection or set the binary path in Settings\.$/,
    );
  });

  it('turns a refused connection (offline) into a clear download error', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const error = await failure(bootstrap(`${closed.url}/vsix`));
    expect(error.code).toBe('offline');
    expect(error.message).toContain('the connection was refused (ECONNREFUSED)');
    expect(error.message).toContain('Check your connection or set the binary path in Settings');
  });

  it('rejects a download that is not a zip', async () => {
    server = await startServer((_req, res) => sendBytes(res, fakeBinary('not a zip', 5000)));
    expect((await failure(bootstrap(`${server.url}/vsix`))).code).toBe('bad-archive');
    expect(await listFiles(appDataDir)).toEqual([]);
  });

  it('cancels mid-download through the AbortSignal and leaves no partial files', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '8192' });
      res.write(Buffer.alloc(4096, 1)); // half of it, then stall
    });
    const controller = new AbortController();
    const error = await failure(
      bootstrap(`${server.url}/vsix`, {
        signal: controller.signal,
        idleTimeoutMs: 10_000, // bounds the test if the abort were ignored
        onProgress: (e) => {
          if (e.phase === 'download' && e.receivedBytes > 0) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('aborted');
    expect(await listFiles(appDataDir)).toEqual([]);
  });

  it('gives up on a stalled download after the idle timeout', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000000' });
      res.write(Buffer.alloc(10));
    });
    const error = await failure(bootstrap(`${server.url}/vsix`, { idleTimeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('no data arrived for 0.2 s');
  });

  it('survives two concurrent bootstraps into the same directory', async () => {
    const url = await serveVsix({ gzip: true });
    const [a, b] = await Promise.all([bootstrap(url), bootstrap(url)]);
    expect(a.path).toBe(b.path);
    expect(await readFile(a.path)).toEqual(Buffer.from(fakeBinary('Lingma x86_64_linux', 4096)));
    expect(await listFiles(join(appDataDir, 'lingma-bin'))).toHaveLength(2);
  });

  it('resolves "latest" through the gallery API before using the gallery asset URL', async () => {
    const bytes = buildFakeVsix({ version: '2.11.3' });
    server = await startServer((req, res) => {
      if (req.url?.endsWith('/extensionquery')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({ results: [{ extensions: [{ versions: [{ version: '2.11.3' }] }] }] }),
        );
      } else sendBytes(res, bytes);
    });
    const loopback = server.url;
    const asked: string[] = [];
    // Send the CDN request to loopback, remembering which URL the code built.
    const redirecting: typeof fetch = (input, init) => {
      const url = String(input);
      asked.push(url);
      return fetch(url.startsWith(loopback) ? url : `${loopback}/cdn`, init);
    };
    const result = await bootstrap('', {
      vsixUrl: undefined,
      source: 'gallery',
      version: 'latest',
      apiUrl: `${loopback}/api`,
      fetch: redirecting,
    });
    expect(result.version).toBe('2.11.3');
    expect(asked[1]).toBe(
      'https://Alibaba-Cloud.gallery.vsassets.io/_apis/public/gallery/publisher/Alibaba-Cloud/extension/tongyi-lingma/2.11.3/assetbyname/Microsoft.VisualStudio.Services.VSIXPackage',
    );
  });
});
