import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OrphanGuard } from './orphan-sentinel';
import { isAlive } from './process-tree';

const posix = process.platform !== 'win32';

function sleeper(): number {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  child.unref();
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

/** A zombie has exited (its ports and files are closed); only its parent has not reaped it. */
function exited(pid: number): boolean {
  if (!isAlive(pid)) return true;
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** ms until `pid` is gone (polling), or -1 after `limit`. */
async function goneWithin(pid: number, limit: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < limit) {
    if (exited(pid)) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 25));
  }
  return -1;
}

describe.runIf(posix)('orphan sentinel', () => {
  it('ends every listed process group when the gateway side of the pipe closes', async () => {
    const guard = new OrphanGuard();
    const a = sleeper();
    const b = sleeper();
    const spared = sleeper();
    guard.add(a);
    guard.add(b);
    guard.add(spared);
    guard.remove(spared);
    const sentinel = guard.sentinelPid;
    expect(sentinel).toBeDefined();
    await new Promise((r) => setTimeout(r, 100));
    guard.release();
    expect(await goneWithin(a, 2_000)).toBeGreaterThanOrEqual(0);
    expect(await goneWithin(b, 2_000)).toBeGreaterThanOrEqual(0);
    expect(await goneWithin(sentinel as number, 2_000)).toBeGreaterThanOrEqual(0);
    expect(isAlive(spared)).toBe(true);
    process.kill(spared, 'SIGKILL');
  });

  it('a gateway killed with SIGKILL leaves no child alive 2 s later', async () => {
    const fixture = fileURLToPath(new URL('./testing/guarded-parent.ts', import.meta.url));
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
      parent.once('exit', () => reject(new Error('fixture exited early')));
    });
    expect(isAlive(childPid)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    parent.kill('SIGKILL');
    expect(await goneWithin(childPid, 2_000)).toBeGreaterThanOrEqual(0);
  }, 20_000);
});
