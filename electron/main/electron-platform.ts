import { app, clipboard, dialog, Notification, shell, type BrowserWindow } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import type { DesktopPlatform } from '../core/desktop/platform';
import { launchAtLoginAdapter } from './launch-at-login';
import { openLoginWindow } from './login-window';

/** The desktop service's host functions, backed by Electron. */
export function electronPlatform(getWindow: () => BrowserWindow | undefined): DesktopPlatform {
  return {
    openLoginWindow: (req) => openLoginWindow(req, getWindow()),
    writeClipboard: (text) => clipboard.writeText(text),
    openExternal: async (url) => {
      if (!/^https?:\/\//i.test(url)) throw new Error('Only http(s) links open externally.');
      await shell.openExternal(url);
    },
    saveFile: async (defaultName, data) => {
      const win = getWindow();
      const options = { defaultPath: defaultName };
      const r = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return undefined;
      await writeFile(r.filePath, data, { mode: 0o600 });
      return r.filePath;
    },
    openFile: async (filters) => {
      const win = getWindow();
      const options = { properties: ['openFile' as const], filters };
      const r = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      const path = r.filePaths[0];
      if (r.canceled || !path) return undefined;
      return readFile(path);
    },
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
    },
    launchAtLogin: launchAtLoginAdapter(),
    systemLocales: () => app.getPreferredSystemLanguages(),
    appVersion: () => app.getVersion(),
  };
}
