/**
 * Timestamped backups of every config file one-click setup changes, kept in the app's data dir
 * (0700; never next to the tool's file, where a dotfiles repository could pick them up). Each
 * entry remembers what setup wrote, so "restore previous" can tell when the user edited the file
 * afterwards and ask before throwing that away.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ClientBackupDto, ClientId } from '../../shared/dto';
import { writeFileAtomic } from '../util/atomic-file';

interface Entry {
  id: string;
  client: ClientId;
  /** The tool's config file. */
  path: string;
  time: number;
  createdFile: boolean;
  /** Where the previous content is kept (absent when there was no file). */
  file?: string;
  /** Mode of the previous file, restored with it. */
  mode?: number;
  /** sha256 of what setup wrote. */
  written: string;
}

const KEEP_PER_CLIENT = 10;
export const sha256 = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');

function stamp(t: number): string {
  return new Date(t).toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*/, '');
}

export class BackupStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  private get manifest(): string {
    return join(this.dir, 'manifest.json');
  }

  private async entries(): Promise<Entry[]> {
    const text = await readFile(this.manifest, 'utf8').catch(() => '[]');
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? (parsed as Entry[]) : [];
    } catch {
      return [];
    }
  }

  private async save(entries: Entry[]): Promise<void> {
    await writeFileAtomic(this.manifest, JSON.stringify(entries, null, 2));
  }

  async list(client: ClientId): Promise<ClientBackupDto[]> {
    return (await this.entries())
      .filter((e) => e.client === client)
      .sort((a, b) => b.time - a.time)
      .map((e) => ({ id: e.id, time: e.time, createdFile: e.createdFile }));
  }

  /** Keeps `previous` (undefined: there was no file) before setup writes `written` to `path`. */
  async record(
    client: ClientId,
    path: string,
    previous: { data: Buffer; mode: number } | undefined,
    written: string,
  ): Promise<ClientBackupDto> {
    const time = this.now();
    const id = `${stamp(time)}-${randomBytes(3).toString('hex')}`;
    await mkdir(join(this.dir, client), { recursive: true, mode: 0o700 });
    const entry: Entry = {
      id,
      client,
      path,
      time,
      createdFile: !previous,
      written: sha256(written),
    };
    if (previous) {
      entry.file = join(this.dir, client, `${id}-${basename(path)}`);
      entry.mode = previous.mode & 0o777;
      await writeFileAtomic(entry.file, previous.data);
    }
    const all = [...(await this.entries()), entry];
    const mine = all.filter((e) => e.client === client).sort((a, b) => b.time - a.time);
    const dropped = new Set(mine.slice(KEEP_PER_CLIENT).map((e) => e.id));
    for (const e of mine.slice(KEEP_PER_CLIENT)) if (e.file) await rm(e.file, { force: true });
    await this.save(all.filter((e) => !dropped.has(e.id)));
    return { id, time, createdFile: entry.createdFile };
  }

  /**
   * Puts back what the newest setup replaced (or removes the file setup created). Refuses with
   * `changed_since` when the file no longer holds what setup wrote, unless `force`.
   */
  async restore(client: ClientId, force: boolean): Promise<{ path: string; removed: boolean }> {
    const all = await this.entries();
    const entry = all.filter((e) => e.client === client).sort((a, b) => b.time - a.time)[0];
    if (!entry) {
      throw Object.assign(new Error('There is no earlier version to restore.'), {
        code: 'no_backup',
      });
    }
    const current = await readFile(entry.path).catch(() => undefined);
    if (!force && current !== undefined && sha256(current) !== entry.written) {
      throw Object.assign(
        new Error(`${entry.path} was changed after setup wrote it; restoring would undo that.`),
        { code: 'changed_since' },
      );
    }
    if (entry.createdFile) {
      await rm(entry.path, { force: true });
    } else if (entry.file) {
      const data = await readFile(entry.file);
      // Through a symlink (dotfiles managers), not over it.
      const target = await realpath(entry.path).catch(() => entry.path);
      const mode =
        entry.mode ??
        (await stat(target).then(
          (s) => s.mode & 0o777,
          () => 0o600,
        ));
      await writeFileAtomic(target, data, { mode });
      await rm(entry.file, { force: true });
    }
    await this.save(all.filter((e) => e.id !== entry.id));
    return { path: entry.path, removed: entry.createdFile };
  }
}
