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

/** The workDir whose child was asked the question carrying `token`, if any yet. */
export function servingWorkDir(workDirs: readonly string[], token: string): string | undefined {
  return workDirs.find((w) =>
    tail(join(w, 'logs', 'sim-requests.jsonl'), 256 * 1024).includes(token),
  );
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
      return killChildOf(w);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}
