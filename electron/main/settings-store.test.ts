import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronSettingsRepo } from './settings-store';
import { app } from './testing/electron-mock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lgw-store-'));
  app.userData = dir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('electron-store settings adapter', () => {
  it('starts from defaults and round-trips a save', async () => {
    const repo = electronSettingsRepo();
    const s = await repo.load();
    expect(s.server).toMatchObject({ host: '127.0.0.1', port: 8765 });
    await repo.save({ ...s, server: { ...s.server, port: 9100 } });
    const again = await electronSettingsRepo().load();
    expect(again.server.port).toBe(9100);
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
      settings: { schemaVersion: number };
    };
    expect(onDisk.settings.schemaVersion).toBe(1);
  });

  it('migrates an older layout and reports what it fixed', async () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ settings: { host: '127.0.0.1', port: 9200, junk: 1 } }),
    );
    const repo = electronSettingsRepo();
    const s = await repo.load();
    expect(s.server.port).toBe(9200);
    expect(repo.lastLoadWarnings?.().length).toBeGreaterThan(0);
  });

  it('keeps an unreadable file instead of replacing it with defaults', async () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const repo = electronSettingsRepo();
    const s = await repo.load();
    expect(s.server.port).toBe(8765);
    expect(repo.lastLoadWarnings?.().join(' ')).toMatch(/could not be read/);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{ not json');
  });
});
