/**
 * Lingma children must end with the gateway even when the gateway cannot clean up: SIGKILL, an
 * Electron crash, a power-cut of the main process. No POSIX call ties a child's life to its
 * parent's from Node, so a tiny sentinel process does it: it holds the read end of a pipe from the
 * gateway and the list of children's process groups; when the pipe closes — which the kernel does
 * for any death of the gateway — it sends SIGTERM to every group, then SIGKILL one second later.
 *
 * The sentinel is a shell script on POSIX (PowerShell on Windows), not Node: it must not depend on
 * the app's runtime (a packaged Electron may refuse ELECTRON_RUN_AS_NODE) and it stays a few
 * hundred kB. It runs detached in its own session, so a Ctrl-C meant for the gateway's terminal
 * does not take it down first. Lines on its stdin: `+<pid>` (guard this group), `-<pid>` (gone).
 * The pid registry (pid-registry.ts) remains the last resort if the sentinel itself is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** POSIX sentinel: reads +pid/-pid lines until EOF, then ends every group still listed. */
export const POSIX_SENTINEL = `
pids=""
while IFS= read -r line; do
  case "$line" in
    +*) pids="$pids \${line#+}" ;;
    -*) gone="\${line#-}"; kept=""
        for p in $pids; do [ "$p" = "$gone" ] || kept="$kept $p"; done
        pids="$kept" ;;
  esac
done
[ -z "$pids" ] && exit 0
for p in $pids; do kill -s TERM -- "-$p" 2>/dev/null || kill -s TERM "$p" 2>/dev/null; done
i=0
while [ $i -lt 10 ]; do
  alive=""
  for p in $pids; do kill -0 -- "-$p" 2>/dev/null && alive="$alive $p"; done
  [ -z "$alive" ] && exit 0
  sleep 0.1 2>/dev/null || sleep 1
  i=$((i + 1))
done
for p in $pids; do kill -s KILL -- "-$p" 2>/dev/null || kill -s KILL "$p" 2>/dev/null; done
exit 0
`;

/** Windows sentinel: the same protocol; `taskkill /T /F` ends each child with its helpers. */
export const WINDOWS_SENTINEL = `
$pids = New-Object System.Collections.Generic.HashSet[string]
while (($line = [Console]::In.ReadLine()) -ne $null) {
  if ($line.StartsWith('+')) { [void]$pids.Add($line.Substring(1)) }
  elseif ($line.StartsWith('-')) { [void]$pids.Remove($line.Substring(1)) }
}
foreach ($p in $pids) { taskkill /PID $p /T /F 2>$null | Out-Null }
`;

type SpawnSentinel = () => ChildProcess;

const defaultSpawn: SpawnSentinel = () =>
  process.platform === 'win32'
    ? spawn('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_SENTINEL], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
        windowsHide: true,
      })
    : spawn('/bin/sh', ['-c', POSIX_SENTINEL], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
      });

/**
 * The gateway's side: starts the sentinel on first use, tells it about every child, and starts a
 * new one (re-sending the live pids) should it die. Never keeps the event loop alive.
 */
export class OrphanGuard {
  private proc: ChildProcess | undefined;
  private readonly live = new Set<number>();
  private broken = false;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(private readonly spawnSentinel: SpawnSentinel = defaultSpawn) {}

  /** The sentinel's pid while it runs (for tests and diagnostics). */
  get sentinelPid(): number | undefined {
    return this.proc?.pid;
  }

  add(pid: number): void {
    this.live.add(pid);
    const proc = this.ensure();
    if (proc) this.send(proc, `+${pid}`);
  }

  remove(pid: number): void {
    if (!this.live.delete(pid)) return;
    if (this.proc) this.send(this.proc, `-${pid}`);
  }

  /** Resolves once everything told to the sentinel so far has reached its pipe. */
  settled(): Promise<void> {
    return this.lastWrite;
  }

  /** Closes the pipe as a dying gateway would (the sentinel then ends every listed child). */
  release(): void {
    this.proc?.stdin?.end();
    this.proc = undefined;
  }

  private ensure(): ChildProcess | undefined {
    if (this.proc || this.broken) return this.proc;
    let proc: ChildProcess;
    try {
      proc = this.spawnSentinel();
    } catch {
      this.broken = true; // no shell: the exit hook and the pid registry still cover us
      return undefined;
    }
    this.proc = proc;
    proc.on('error', () => {
      if (this.proc === proc) this.proc = undefined;
      this.broken = true;
    });
    proc.stdin?.on('error', () => undefined);
    proc.once('exit', () => {
      if (this.proc !== proc) return;
      // Killed by someone else: start a new one for the children still running.
      this.proc = undefined;
      const again = this.live.size > 0 ? this.ensure() : undefined;
      if (again) for (const pid of this.live) this.send(again, `+${pid}`);
    });
    proc.unref();
    // The pipe must not keep the gateway alive either.
    (proc.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return proc;
  }

  private send(proc: ChildProcess, line: string): void {
    const stdin = proc.stdin;
    if (!stdin?.writable) return;
    this.lastWrite = new Promise((resolve) => stdin.write(`${line}\n`, () => resolve()));
  }
}

let shared: OrphanGuard | undefined;

/** The process-wide guard used by process-tree.ts for every Lingma child. */
export function orphanGuard(): OrphanGuard {
  shared ??= new OrphanGuard();
  return shared;
}
