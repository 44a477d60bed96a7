/**
 * Signalling a Lingma child and whatever it spawned. On POSIX the child is started as its own
 * process-group leader, so one signal to `-pid` reaches helpers such as LingmaLocal too; on
 * Windows a kill is immediate (there is no SIGTERM there, §3.1 "on Windows they kill right away").
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { orphanGuard } from './orphan-sentinel';

const isWindows = process.platform === 'win32';

/**
 * Sends `signal` to the process group led by `pid`, falling back to the pid alone unless
 * `groupOnly` (used after the leader exited: its pid may be reused, the group id may not be).
 */
export function signalTree(pid: number, signal: NodeJS.Signals, groupOnly = false): boolean {
  if (!isWindows) {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      // Not a group leader (or already gone): try the process itself.
    }
  }
  if (groupOnly) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** True while the pid exists (signal 0 checks without touching it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when the child has exited, or false after `ms`. */
export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL after `graceMs` (Windows: kill at once). Resolves once it is gone. */
export async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (hasExited(child)) {
    // The leader died on its own; helpers of its group may still be around.
    if (!isWindows) signalTree(pid, 'SIGKILL', true);
    return;
  }
  if (isWindows) {
    // taskkill /T takes the helpers the binary started too; child.kill() is the fallback.
    execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, (err) => {
      if (err) child.kill();
    });
    await waitForExit(child, graceMs);
    return;
  }
  signalTree(pid, 'SIGTERM');
  if (await waitForExit(child, graceMs)) {
    // The leader is gone; make sure no helper of its group lingers.
    signalTree(pid, 'SIGKILL', true);
    return;
  }
  signalTree(pid, 'SIGKILL');
  await waitForExit(child, 5_000);
}

const live = new Set<ChildProcess>();
let hooked = false;

/**
 * Remembers a child so a normal exit of this process (quit, uncaught error) takes it along. Only
 * synchronous work is possible in 'exit', hence the straight SIGKILL. A death of this process
 * that runs no code at all (SIGKILL, a crash) is covered by the orphan sentinel, which ends the
 * child's group when our pipe to it closes; the pid registry is the last resort at the next start.
 */
export function trackChild(child: ChildProcess): void {
  live.add(child);
  const pid = child.pid;
  if (pid !== undefined) orphanGuard().add(pid);
  child.once('exit', () => {
    live.delete(child);
    if (pid !== undefined) orphanGuard().remove(pid);
  });
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const c of live) if (c.pid !== undefined) signalTree(c.pid, 'SIGKILL');
  });
}
