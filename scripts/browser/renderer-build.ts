/**
 * Builds the renderer for the browser tests, once per source state. Both browser test files may
 * start at the same time in two workers, so the build goes to a directory named after a hash of
 * every input (renderer sources, the shared contract, the Vite config) behind a lock: the first
 * worker builds, the other waits and reuses it, and a changed source always means a fresh build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INPUTS = ['renderer', 'electron/shared', 'scripts/renderer-csp.ts', 'package-lock.json'];
const CACHE = join(ROOT, 'node_modules/.cache/lgw-browser-tests');
const LOCK_STALE_MS = 120_000;

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => listFiles(join(path, name)));
}

function inputHash(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of listFiles(join(ROOT, input))) {
      hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Takes the lock (an mkdir is atomic); breaks it when its holder died long ago. */
async function lock(dir: string, timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      return () => rm(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = statSync(dir, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) {
        await rm(dir, { recursive: true, force: true });
      }
      if (Date.now() > deadline) throw new Error(`renderer build lock ${dir} held too long`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Returns a directory holding the built renderer for the current sources. */
export async function buildRendererOnce(): Promise<string> {
  const out = join(CACHE, `renderer-${inputHash()}`);
  if (existsSync(join(out, 'index.html'))) return out;
  mkdirSync(CACHE, { recursive: true });
  const unlock = await lock(`${out}.lock`, 90_000);
  try {
    if (existsSync(join(out, 'index.html'))) return out;
    // Older builds are dead weight once the sources moved on.
    for (const name of readdirSync(CACHE)) {
      if (/^renderer-[0-9a-f]{16}$/.test(name)) await rm(join(CACHE, name), { recursive: true });
    }
    const tmp = `${out}.tmp-${process.pid}`;
    // A child with NODE_ENV=production builds what the app ships (vitest's NODE_ENV=test would
    // give React's development build); the browser-test mode adds only the bridge's CSP allowance.
    const script = `import { build } from 'vite';
      await build({ configFile: ${JSON.stringify(join(ROOT, 'renderer/vite.config.ts'))},
        mode: 'browser-test', logLevel: 'warn',
        build: { outDir: ${JSON.stringify(tmp)}, emptyOutDir: true } });`;
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    await rename(tmp, out);
    return out;
  } finally {
    await unlock();
  }
}
