import { lstat, mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSyncRisk } from './sync-risk';
import { tempHome, VALUES, type TempHome } from './testing';

let h: TempHome;
beforeEach(async () => (h = await tempHome()));
afterEach(() => h.close());

describe('sync risk before writing a key', () => {
  it('is none for a plain home folder', async () => {
    expect(await findSyncRisk(h.path('.codex/config.toml'), h.home)).toBeUndefined();
  });

  it('sees a git work tree (a dotfiles repository) above the file', async () => {
    await mkdir(h.path('.git'), { recursive: true });
    expect(await findSyncRisk(h.path('.codex/config.toml'), h.home)).toEqual({
      kind: 'git',
      where: h.home,
    });
    await expect(h.setup.apply('codex', VALUES)).rejects.toMatchObject({ code: 'sync_risk' });
    await expect(readFile(h.path('.codex/config.toml'))).rejects.toMatchObject({ code: 'ENOENT' });
    await h.setup.apply('codex', VALUES, { acceptSyncRisk: true });
    expect(await h.read('.codex/config.toml')).toContain(VALUES.key);
  });

  it('sees a config folder linked into a cloud-synced folder, and writes through the link', async () => {
    const synced = h.path('Nutstore/dotfiles/codex');
    await mkdir(synced, { recursive: true });
    await symlink(synced, h.path('.codex'));
    const info = (await h.setup.detect(VALUES.origin)).find((c) => c.id === 'codex');
    expect(info?.syncRisk).toEqual({ kind: 'cloud', where: h.path('Nutstore') });
    await h.setup.apply('codex', VALUES, { acceptSyncRisk: true });
    expect((await lstat(h.path('.codex'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(synced, 'config.toml'), 'utf8')).toContain(VALUES.key);
  });

  it('sees a plain symlink managed elsewhere', async () => {
    const target = h.path('dotfiles/claude');
    await mkdir(target, { recursive: true });
    await symlink(target, h.path('.claude'));
    expect(await findSyncRisk(h.path('.claude/settings.json'), h.home)).toEqual({
      kind: 'link',
      where: target,
    });
  });
});
