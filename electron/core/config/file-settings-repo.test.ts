import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../util/atomic-file';
import { createFileSettingsRepo } from './file-settings-repo';
import { applySettingsPatch, defaultSettings } from './settings';
import { createMemorySettingsRepo } from './settings-repo';

let dir: string;
let file: string;
const now = () => Date.UTC(2025, 0, 2, 3, 4, 5);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lgw-settings-'));
  file = join(dir, 'conf', 'settings.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('file settings repo', () => {
  it('returns defaults when there is no file, and round-trips a save', async () => {
    const repo = createFileSettingsRepo({ file, now });
    expect(await repo.load()).toEqual(defaultSettings());
    expect(repo.lastLoadWarnings?.()).toEqual([]);
    const changed = applySettingsPatch(defaultSettings(), { server: { port: 9999 } }).settings;
    await repo.save(changed);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(onDisk.schemaVersion).toBe(1);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await createFileSettingsRepo({ file, now }).load()).toEqual(changed);
  });

  it('leaves no temp files behind, even with concurrent saves', async () => {
    const repo = createFileSettingsRepo({ file, now });
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        repo.save(applySettingsPatch(defaultSettings(), { server: { port: 9000 + i } }).settings),
      ),
    );
    expect(await readdir(join(dir, 'conf'))).toEqual(['settings.json']);
    expect((await repo.load()).server.port).toBe(9005);
  });

  it('ignores a temp file left by a crash mid-write', async () => {
    const repo = createFileSettingsRepo({ file, now });
    await repo.save(applySettingsPatch(defaultSettings(), { server: { port: 9001 } }).settings);
    await writeFile(join(dir, 'conf', '.settings.json.tmp-1-dead'), '{"schemaVersion":1,"ser');
    expect((await repo.load()).server.port).toBe(9001);
    expect(repo.lastLoadWarnings?.()).toEqual([]);
  });

  it('keeps the old file when a write fails', async () => {
    await writeFileAtomic(file, 'original');
    // A directory where the temp file's rename target is cannot be replaced by a file.
    const blocked = join(dir, 'conf', 'blocked');
    await writeFileAtomic(join(blocked, 'x'), 'x');
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('original');
    expect((await readdir(join(dir, 'conf'))).sort()).toEqual(['blocked', 'settings.json']);
  });

  it('moves a corrupt file aside, uses defaults and says where the file went', async () => {
    await writeFileAtomic(file, '{"schemaVersion": 1, "server": {');
    const repo = createFileSettingsRepo({ file, now });
    expect(await repo.load()).toEqual(defaultSettings());
    const kept = join(dir, 'conf', 'settings.json.corrupt-20250102T030405Z');
    expect(await readFile(kept, 'utf8')).toBe('{"schemaVersion": 1, "server": {');
    expect(repo.lastLoadWarnings?.()[0]).toContain(kept);
    await repo.save(defaultSettings());
    expect(await readFile(kept, 'utf8')).toBe('{"schemaVersion": 1, "server": {');
  });

  it('keeps a copy of a file that needed fixing before the first save replaces it', async () => {
    const original = JSON.stringify({ port: 9002, server: { keepAliveMs: 'often' } });
    await writeFileAtomic(file, original);
    const repo = createFileSettingsRepo({ file, now });
    const loaded = await repo.load();
    expect(loaded.server.port).toBe(9002);
    expect(repo.lastLoadWarnings?.().length).toBe(2);
    await repo.save(loaded);
    await repo.save(loaded);
    const names = (await readdir(join(dir, 'conf'))).sort();
    expect(names).toEqual(['settings.json', 'settings.json.bak-20250102T030405Z']);
    expect(await readFile(join(dir, 'conf', names[1] ?? ''), 'utf8')).toBe(original);
  });
});

describe('memory settings repo', () => {
  it('round-trips and reports load warnings', async () => {
    const repo = createMemorySettingsRepo({ schemaVersion: 1, server: { port: 'x' } });
    expect((await repo.load()).server.port).toBe(8765);
    expect(repo.lastLoadWarnings?.()).toHaveLength(1);
    await repo.save(applySettingsPatch(defaultSettings(), { server: { port: 1234 } }).settings);
    expect((await repo.load()).server.port).toBe(1234);
    expect(repo.lastLoadWarnings?.()).toEqual([]);
  });
});
