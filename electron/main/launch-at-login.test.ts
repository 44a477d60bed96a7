import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchAtLoginAdapter, launchCommand } from './launch-at-login';
import { app } from './testing/electron-mock';

describe('launch at login adapter', () => {
  const saved = { xdg: process.env.XDG_CONFIG_HOME, appimage: process.env.APPIMAGE };
  afterEach(() => {
    process.env.XDG_CONFIG_HOME = saved.xdg;
    if (saved.appimage === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = saved.appimage;
    app.loginItem = { openAtLogin: false };
  });

  it('uses login items on macOS and Windows and reports what the OS says', async () => {
    for (const os of ['darwin', 'win32'] as const) {
      const a = launchAtLoginAdapter(os);
      expect(await a.get()).toEqual({ enabled: false, supported: true, method: 'login-item' });
      expect(await a.set(true)).toMatchObject({ enabled: true });
      app.loginItem = { openAtLogin: false }; // turned off in System Settings
      expect((await a.get()).enabled).toBe(false);
    }
  });

  it('writes an XDG autostart entry on Linux that starts the AppImage by its file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lgw-xdg-'));
    try {
      process.env.XDG_CONFIG_HOME = dir;
      process.env.APPIMAGE = '/home/u/Apps/Lingma Gateway.AppImage';
      expect(launchCommand()).toEqual(['/home/u/Apps/Lingma Gateway.AppImage']);
      const a = launchAtLoginAdapter('linux');
      const on = await a.set(true);
      expect(on).toMatchObject({ enabled: true, method: 'xdg' });
      expect(await readFile(join(dir, 'autostart/lingma-gateway.desktop'), 'utf8')).toContain(
        'Exec="/home/u/Apps/Lingma Gateway.AppImage"',
      );
      expect((await a.set(false)).enabled).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says so where there is no known way', async () => {
    expect(await launchAtLoginAdapter('freebsd').get()).toEqual({
      enabled: false,
      supported: false,
      method: 'none',
    });
  });
});
