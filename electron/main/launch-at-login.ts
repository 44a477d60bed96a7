import { app } from 'electron';
import { homedir } from 'node:os';
import {
  readXdgAutostart,
  setXdgAutostart,
  type XdgAutostartOptions,
} from '../core/desktop/autostart/xdg-autostart';
import type { DesktopPlatform } from '../core/desktop/platform';
import type { LaunchAtLoginDto } from '../shared/dto';

/** What starts this copy of the app again: an AppImage by its file, not its temporary mount. */
export function launchCommand(): string[] {
  if (process.env.APPIMAGE) return [process.env.APPIMAGE];
  return app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
}

/**
 * Launch at login, per OS: Electron's login items on macOS and Windows, an XDG autostart entry
 * on Linux (Electron has no API there). Both report the state read back from the OS.
 */
export function launchAtLoginAdapter(
  platform: NodeJS.Platform = process.platform,
): DesktopPlatform['launchAtLogin'] {
  if (platform === 'linux') {
    const o: XdgAutostartOptions = {
      env: process.env,
      home: homedir(),
      exec: launchCommand(),
      name: 'Lingma Gateway',
      fileName: 'lingma-gateway.desktop',
    };
    return { get: () => readXdgAutostart(o), set: (enabled) => setXdgAutostart(o, enabled) };
  }
  if (platform === 'darwin' || platform === 'win32') {
    const get = async (): Promise<LaunchAtLoginDto> => ({
      enabled: app.getLoginItemSettings().openAtLogin,
      supported: true,
      method: 'login-item',
    });
    return {
      get,
      set: async (enabled) => {
        app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
        return get();
      },
    };
  }
  const none = async (): Promise<LaunchAtLoginDto> => ({
    enabled: false,
    supported: false,
    method: 'none',
  });
  return { get: none, set: none };
}
