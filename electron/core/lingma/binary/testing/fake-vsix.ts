/**
 * Test fixtures: a fake Lingma VSIX built in memory with fflate, and a loopback HTTP server to
 * serve it. The "binaries" are small shell scripts, so a test can run what got installed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, zipSync, type Zippable } from 'fflate';

/** Test minimum sizes matching {@link fakeBinary}'s default sizes. */
export const TEST_MIN_SIZES = { lingma: 2048, lingmaLocal: 512 };

/** A runnable shell script padded to `size` bytes that prints `fake <label>`. */
export function fakeBinary(label: string, size: number): Uint8Array {
  const script = `#!/bin/sh\necho "fake ${label}"\nexit 0\n#`;
  return new TextEncoder().encode(script.padEnd(Math.max(size - 1, script.length), 'x') + '\n');
}

/** Shape of the fake package. */
export interface FakeVsixOptions {
  /** Version in the inner zip name and its top directory. Default 2.11.2. */
  version?: string;
  /** Platform dirs to include. Default `['x86_64_linux', 'aarch64_darwin']`. */
  platforms?: string[];
  /** `nested` (VS Code extension) or `desktop` (`resources/bin/<platform>/`). */
  layout?: 'nested' | 'desktop';
  /** Wrap the whole zip in gzip, as the Marketplace does. */
  gzip?: boolean;
  /** Store the inner zip uncompressed inside the outer one. */
  innerStored?: boolean;
  lingmaSize?: number;
  localSize?: number;
  /** Leave out LingmaLocal. */
  withoutLocal?: boolean;
}

function binariesFor(platform: string, options: FakeVsixOptions): Zippable {
  const ext = platform.endsWith('_windows') ? '.exe' : '';
  const files: Zippable = {
    [`Lingma${ext}`]: fakeBinary(`Lingma ${platform}`, options.lingmaSize ?? 4096),
  };
  if (!options.withoutLocal) {
    files[`LingmaLocal${ext}`] = fakeBinary(`LingmaLocal ${platform}`, options.localSize ?? 1024);
  }
  return files;
}

/** Builds the bytes of a fake VSIX. */
export function buildFakeVsix(options: FakeVsixOptions = {}): Uint8Array {
  const version = options.version ?? '2.11.2';
  const platforms = options.platforms ?? ['x86_64_linux', 'aarch64_darwin'];
  const perPlatform: Zippable = {};
  for (const p of platforms) perPlatform[p] = binariesFor(p, options);
  const manifest = new TextEncoder().encode(JSON.stringify({ name: 'tongyi-lingma', version }));
  let outer: Zippable;
  if (options.layout === 'desktop') {
    outer = {
      resources: { app: { 'package.json': manifest }, bin: perPlatform },
    };
  } else {
    const inner = zipSync({
      [version]: { ...perPlatform, extension: { 'main.js': new TextEncoder().encode('//') } },
    });
    outer = {
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
      extension: {
        'package.json': manifest,
        dist: {
          'extension.js': new TextEncoder().encode('exports.activate = () => {};'),
          bin: { [`lingma-${version}.zip`]: [inner, { level: options.innerStored ? 0 : 6 }] },
        },
      },
    };
  }
  const zip = zipSync(outer);
  return options.gzip ? gzipSync(zip) : zip;
}

/** A loopback server for one test file. */
export interface TestServer {
  url: string;
  /** Requests seen so far (method, path, user agent, body). */
  requests: { method: string; path: string; userAgent: string; body: string }[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1:0 running `handler` for every request. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        userAgent: req.headers['user-agent'] ?? '',
        body,
      });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `bytes` as an octet-stream with a Content-Length. */
export function sendBytes(res: ServerResponse, bytes: Uint8Array): void {
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(bytes.length),
  });
  res.end(Buffer.from(bytes));
}
