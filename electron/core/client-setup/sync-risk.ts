/**
 * Before a key is written into a tool's config: would that file leave this computer? A git work
 * tree (a dotfiles repository), a cloud-synced folder (Dropbox, OneDrive, iCloud, Google Drive,
 * Nutstore 坚果云, Baidu sync disk, Syncthing, …) or a symlink into somewhere else (a dotfiles
 * manager) all mean the key may be committed or uploaded. The UI then says so and writes only
 * when the user confirms.
 */
import { lstat, realpath } from 'node:fs/promises';
import { dirname, join, parse, relative, sep } from 'node:path';
import type { SyncRiskDto } from '../../shared/dto';
import { exists } from './context';

const CLOUD_FOLDERS = [
  /^dropbox( \(.+\))?$/i,
  /^onedrive( ?- ?.+)?$/i,
  /^mobile documents$/i, // iCloud Drive on macOS
  /^icloud ?drive$/i,
  /^cloudstorage$/i, // macOS File Provider mounts (Google Drive, OneDrive, Box…)
  /^google ?drive$/i,
  /^my drive$/i,
  /^nextcloud$/i,
  /^owncloud$/i,
  /^seafile$/i,
  /^pcloud drive$/i,
  /^box sync$/i,
  /^yandex\.disk$/i,
  /^megasync$/i,
  /^nutstore$/i,
  /^坚果云$/,
  /^baidusyncdisk$/i,
  /^百度云同步盘$/,
];
/** Files a sync client leaves at the root of what it syncs. */
const MARKERS = ['.dropbox', '.stfolder'];

/** The deepest part of `path` that exists (the file itself, or a parent to be created in). */
async function existing(path: string): Promise<string> {
  let p = path;
  while (!(await exists(p)) && dirname(p) !== p) p = dirname(p);
  return p;
}

/** A component between HOME and the file that is a symlink, e.g. `~/.codex -> ~/dotfiles/codex`. */
async function linkIn(path: string, home: string): Promise<SyncRiskDto | undefined> {
  const rel = relative(home, path);
  if (rel.startsWith('..')) return undefined;
  let cur = home;
  for (const part of rel.split(sep).filter(Boolean)) {
    cur = join(cur, part);
    const info = await lstat(cur).catch(() => undefined);
    if (!info) return undefined;
    if (info.isSymbolicLink()) return { kind: 'link', where: await realpath(cur) };
  }
  return undefined;
}

export async function findSyncRisk(file: string, home: string): Promise<SyncRiskDto | undefined> {
  const here = await existing(file);
  const link = await linkIn(here, home);
  const real = await realpath(here).catch(() => here);
  const root = parse(real).root;
  const ancestors: string[] = [];
  for (let d = real; ; d = dirname(d)) {
    ancestors.push(d);
    if (d === root || dirname(d) === d) break;
  }
  for (const dir of ancestors) {
    const name = dir.slice(dirname(dir).length).replace(/^[\\/]/, '');
    if (CLOUD_FOLDERS.some((re) => re.test(name))) return { kind: 'cloud', where: dir };
    for (const marker of MARKERS) {
      if (await exists(join(dir, marker))) return { kind: 'cloud', where: dir };
    }
  }
  for (const dir of ancestors) {
    if (await exists(join(dir, '.git'))) return { kind: 'git', where: dir };
  }
  return link;
}
