/**
 * The soak's crash fault, at the process level: find the Lingma child that received a request
 * (by the request's unique token in the child's `logs/sim-requests.jsonl`) and SIGKILL it while
 * it answers — what a crash of the real binary looks like to the gateway.
 */
import { openSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The last `bytes` of a file ('' when missing). */
function tail(file: string, bytes: number): string {
  try {
    const size = statSync(file).size;
    const fd = openSync(file, 'r');
    try {
      const len = Math.min(bytes, size);
      const buf = Buffer.alloc(len);
      readSync(fd, buf, 0, len, size - len);
      return buf.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/**
 * The workDir whose child was asked the question carrying `token` most recently, if any yet. The
 * token must stand alone: `t12x1` is a prefix of `t12x15`, and a bare substring search found
 * older requests' tokens and killed children serving other requests. A request that failed over
 * has its token in both children's logs: the newest ask is the one being answered (taking the
 * first workDir listed killed a child that no longer served it, again and again).
 */
export function servingWorkDir(workDirs: readonly string[], token: string): string | undefined {
  const exact = new RegExp(`${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`);
  let best: { dir: string; time: string } | undefined;
  for (const dir of workDirs) {
    const lines = tail(join(dir, 'logs', 'sim-requests.jsonl'), 256 * 1024).split('\n');
    const line = lines.findLast((l) => exact.test(l));
    if (line === undefined) continue;
    const time = /"time":"([^"]+)"/.exec(line)?.[1] ?? '';
    if (!best || time > best.time) best = { dir, time };
  }
  return best?.dir;
}

/** SIGKILLs the child running in `workDir` now; returns its pid (undefined if none). */
export function killChildOf(workDir: string): number | undefined {
  try {
    const info = JSON.parse(readFileSync(join(workDir, '.info'), 'utf8')) as { pid?: number };
    if (!info.pid) return undefined;
    process.kill(info.pid, 'SIGKILL');
    return info.pid;
  } catch {
    return undefined;
  }
}

/** Polls until the request reached a child (or `ms` passed), then kills that child. */
export async function killServingChild(
  workDirs: readonly string[],
  token: string,
  delayAfterFoundMs: number,
  ms = 10_000,
): Promise<number | undefined> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const w = servingWorkDir(workDirs, token);
    if (w) {
      await new Promise((r) => setTimeout(r, delayAfterFoundMs));
      const pid = killChildOf(w);
      if (process.env.SOAK_KEEP === '1')
        console.log(`kill for ${token}: pid ${pid ?? '-'} in ${w} at ${new Date().toISOString()}`);
      return pid;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}
