/**
 * One-click client setup: find the tools on this computer, say whether each already points at
 * the gateway, write their config (after a timestamped backup) and restore the previous version.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import type {
  ClientBackupDto,
  ClientId,
  ClientInfoDto,
  ClientRestoreResultDto,
} from '../../shared/dto';
import { writeFileAtomic } from '../util/atomic-file';
import { BackupStore } from './backups';
import { claudeCode } from './clients/claude-code';
import { cline } from './clients/cline';
import { codex } from './clients/codex';
import { continueDev } from './clients/continue';
import { opencode } from './clients/opencode';
import { qwenCode } from './clients/qwen-code';
import { findSyncRisk } from './sync-risk';
import { ConfigFormatError, type ClientContext, type ClientSpec, type SetupValues } from './types';

/** In the order the dashboard lists them (most used first). */
export const CLIENTS: readonly ClientSpec[] = [
  claudeCode,
  codex,
  qwenCode,
  opencode,
  continueDev,
  cline,
];

export interface ClientSetupOptions {
  ctx: ClientContext;
  /** Where backups go (inside the app's data dir). */
  backupDir: string;
  now?: () => number;
}

export interface ApplyResult {
  path: string;
  backup?: ClientBackupDto;
  notes: string[];
}

function spec(id: ClientId): ClientSpec {
  const found = CLIENTS.find((c) => c.id === id);
  if (!found) throw Object.assign(new Error(`Unknown tool "${id}".`), { code: 'not_found' });
  return found;
}

const readText = (path: string): Promise<string | undefined> =>
  readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });

export class ClientSetup {
  private readonly backups: BackupStore;

  constructor(private readonly o: ClientSetupOptions) {
    this.backups = new BackupStore(o.backupDir, o.now);
  }

  async detect(origin: string): Promise<ClientInfoDto[]> {
    return Promise.all(CLIENTS.map((c) => this.info(c, origin)));
  }

  private async info(c: ClientSpec, origin: string): Promise<ClientInfoDto> {
    const evidence = await c.detect(this.o.ctx);
    const base: ClientInfoDto = {
      id: c.id,
      installed: evidence !== undefined,
      ...(evidence ? { evidence } : {}),
      writable: Boolean(c.configPath && c.write),
      configured: 'none',
      backups: await this.backups.list(c.id),
    };
    if (!c.configPath) return base;
    const configPath = await c.configPath(this.o.ctx);
    const info: ClientInfoDto = { ...base, configPath };
    const risk = await findSyncRisk(configPath, this.o.ctx.home);
    if (risk) info.syncRisk = risk;
    const text = await readText(configPath).catch(() => undefined);
    if (text === undefined || !c.configured) return info;
    try {
      info.configured = c.configured(text, origin, configPath);
    } catch (err) {
      info.problem = err instanceof ConfigFormatError ? err.detail : (err as Error).message;
    }
    return info;
  }

  /**
   * Writes the tool's config. Refuses (code `sync_risk`) when the file would leave the computer
   * and the user has not said yes, and (code `config_unreadable`) when the current file does not
   * parse: overwriting it would lose whatever the user meant.
   */
  async apply(
    id: ClientId,
    values: SetupValues,
    options: { acceptSyncRisk?: boolean } = {},
  ): Promise<ApplyResult> {
    const c = spec(id);
    if (!c.configPath || !c.write) {
      throw Object.assign(new Error('This tool is set up by hand; copy the values shown.'), {
        code: 'not_writable',
      });
    }
    const path = await c.configPath(this.o.ctx);
    const risk = await findSyncRisk(path, this.o.ctx.home);
    if (risk && !options.acceptSyncRisk) {
      throw Object.assign(
        new Error(`${path} is in ${risk.where} (${risk.kind}); the key would travel with it.`),
        { code: 'sync_risk' },
      );
    }
    // Through a symlink to its target: replacing the link would break a dotfiles setup.
    const target = await realpath(path).catch(() => path);
    const before = await readText(target);
    const result = c.write(before, values, path);
    if (before === result.text) return { path, notes: result.notes };
    const mode = before === undefined ? 0o600 : (await stat(target)).mode & 0o777;
    const backup = await this.backups.record(
      id,
      path,
      before === undefined ? undefined : { data: Buffer.from(before, 'utf8'), mode },
      result.text,
    );
    await writeFileAtomic(target, result.text, { mode, dirMode: 0o700 });
    return { path, backup, notes: result.notes };
  }

  async restore(id: ClientId, force = false): Promise<ClientRestoreResultDto> {
    spec(id);
    return this.backups.restore(id, force);
  }
}
