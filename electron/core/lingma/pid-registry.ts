/**
 * A small on-disk record of the Lingma children we started, one file per account under a runtime
 * dir, so that after a crash of the gateway itself (SIGKILL, power loss of the Electron main) the
 * next start can find and end the orphans. A pid is only killed when its command line still looks
 * like the child we recorded, because pids are reused.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { isAlive, signalTree } from './process-tree';
import { silentLogger, type Logger } from '../util/logger';

const execFileAsync = promisify(execFile);
const PREFIX = 'lingma-child-';

/** What we remember about a running child. */
export interface PidRecord {
  accountId: string;
  pid: number;
  /** The gateway process that started it. */
  parentPid: number;
  binary: string;
  workDir: string;
  startedAt: number;
}

/** File-per-account pid records under `dir`. */
export class PidRegistry {
  constructor(
    readonly dir: string,
    private readonly logger: Logger = silentLogger,
  ) {}

  async record(rec: PidRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.file(rec.accountId);
    // Write-then-rename so a crash mid-write never leaves a half record behind.
    await writeFile(`${file}.tmp`, JSON.stringify(rec), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }

  async remove(accountId: string, pid?: number): Promise<void> {
    const file = this.file(accountId);
    if (pid !== undefined) {
      const rec = await readRecord(file);
      if (rec && rec.pid !== pid) return; // a newer child owns the record now
    }
    await rm(file, { force: true });
  }

  /**
   * Kills leftovers from a previous gateway run (all accounts, or one). Records whose parent is
   * still alive belong to another running gateway and are left alone. Returns the killed pids.
   */
  async reap(accountId?: string): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const killed: number[] = [];
    for (const name of names) {
      if (!name.startsWith(PREFIX) || !name.endsWith('.json')) continue;
      const rec = await readRecord(join(this.dir, name));
      if (!rec || (accountId !== undefined && rec.accountId !== accountId)) continue;
      if (rec.parentPid !== process.pid && isAlive(rec.parentPid)) continue;
      if (isAlive(rec.pid)) {
        if (await looksLikeOurs(rec)) {
          this.logger.warn('killing orphaned Lingma child', {
            pid: rec.pid,
            accountId: rec.accountId,
          });
          signalTree(rec.pid, 'SIGKILL');
          killed.push(rec.pid);
        } else {
          this.logger.info('pid from an old record is now another program; left alone', {
            pid: rec.pid,
          });
        }
      }
      await rm(join(this.dir, name), { force: true });
    }
    return killed;
  }

  private file(accountId: string): string {
    return join(this.dir, `${PREFIX}${accountId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  }
}

async function readRecord(file: string): Promise<PidRecord | undefined> {
  try {
    const rec = JSON.parse(await readFile(file, 'utf8')) as Partial<PidRecord>;
    if (typeof rec.pid !== 'number' || typeof rec.accountId !== 'string') return undefined;
    return {
      accountId: rec.accountId,
      pid: rec.pid,
      parentPid: typeof rec.parentPid === 'number' ? rec.parentPid : 0,
      binary: String(rec.binary ?? ''),
      workDir: String(rec.workDir ?? ''),
      startedAt: Number(rec.startedAt ?? 0),
    };
  } catch {
    return undefined;
  }
}

/** Compares the live command line with the record, where the OS lets us read it. */
export async function looksLikeOurs(rec: PidRecord): Promise<boolean> {
  const cmd = await commandLine(rec.pid);
  if (cmd === undefined) return false; // cannot verify: do not risk killing a stranger
  if (process.platform === 'win32') {
    return cmd.toLowerCase() === basename(rec.binary).toLowerCase();
  }
  return cmd.includes(`--workDir=${rec.workDir}`) && cmd.includes(basename(rec.binary));
}

async function commandLine(pid: number): Promise<string | undefined> {
  try {
    if (process.platform === 'linux') {
      return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
    }
    if (process.platform === 'win32') {
      // tasklist only gives the image name; that is the best cheap check on Windows.
      const { stdout } = await execFileAsync(
        'tasklist',
        ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'],
        {
          timeout: 5_000,
          windowsHide: true,
        },
      );
      const m = /^"([^"]+)"/.exec(stdout.trim());
      return m?.[1];
    }
    const { stdout } = await execFileAsync('ps', ['-o', 'command=', '-p', String(pid)], {
      timeout: 5_000,
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
