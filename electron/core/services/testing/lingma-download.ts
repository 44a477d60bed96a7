/**
 * A stand-in for the Marketplace in tests: serves a Lingma VSIX whose `Lingma` is a shell script
 * that execs the simulator (so what gets installed really runs), slowly enough that progress,
 * speed and cancel can be watched, and answers 503 while told to fail.
 */
import { randomBytes } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { lingmaPlatformDir } from '../../lingma/binary';
import { startServer, type TestServer } from '../../lingma/binary/testing/fake-vsix';

/** A runnable script padded to `size` bytes (the padding compresses to almost nothing). */
function execScript(target: string, size: number): Uint8Array {
  const script = `#!/bin/sh\nexec "${target}" "$@"\n#`;
  return new TextEncoder().encode(script.padEnd(Math.max(size - 1, script.length), 'x') + '\n');
}

export interface LingmaPackageOptions {
  /** What the installed `Lingma` runs. */
  target: string;
  version?: string;
  /** Real sizes pass the bootstrap's plausibility check (~50 MB / 1 MB, §2.1). */
  lingmaSize?: number;
  localSize?: number;
  /** Incompressible bytes stored in the package, so the download takes measurable time. */
  paddingBytes?: number;
}

export function buildLingmaPackage(o: LingmaPackageOptions): Uint8Array {
  const version = o.version ?? '2.11.2';
  const platformDir = lingmaPlatformDir(process.platform, process.arch) ?? 'x86_64_linux';
  const inner = zipSync({
    [version]: {
      [platformDir]: {
        Lingma: execScript(o.target, o.lingmaSize ?? 51 * 1024 * 1024),
        LingmaLocal: execScript(o.target, o.localSize ?? 2 * 1024 * 1024),
      },
    },
  });
  const outer: Zippable = {
    extension: {
      'package.json': new TextEncoder().encode(JSON.stringify({ name: 'tongyi-lingma', version })),
      dist: {
        bin: { [`lingma-${version}.zip`]: [inner, { level: 0 }] },
        'padding.bin': [randomBytes(o.paddingBytes ?? 0), { level: 0 }],
      },
    },
  };
  return zipSync(outer);
}

export interface LingmaDownloadServer extends TestServer {
  /** The URL to put in the download-source setting. */
  vsixUrl: string;
  /** While true, every download gets 503. */
  failing: boolean;
  bytesPerSecond: number;
}

export async function startLingmaDownloadServer(
  pkg: Uint8Array,
  bytesPerSecond = 2 * 1024 * 1024,
): Promise<LingmaDownloadServer> {
  const state = { failing: false, bytesPerSecond };
  const server = await startServer((_req, res) => {
    if (state.failing) {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('maintenance');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(pkg.length),
    });
    const chunk = 32 * 1024;
    let sent = 0;
    let closed = false;
    res.on('close', () => (closed = true));
    const tick = (): void => {
      if (closed) return;
      const end = Math.min(pkg.length, sent + chunk);
      res.write(Buffer.from(pkg.subarray(sent, end)));
      sent = end;
      if (sent >= pkg.length) res.end();
      else setTimeout(tick, (chunk * 1000) / state.bytesPerSecond);
    };
    tick();
  });
  return {
    ...server,
    vsixUrl: `${server.url}/tongyi-lingma.vsix`,
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
    get bytesPerSecond() {
      return state.bytesPerSecond;
    },
    set bytesPerSecond(v: number) {
      state.bytesPerSecond = v;
    },
  };
}
