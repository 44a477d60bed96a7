import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The renderer's URL: the Vite dev server when LINGMA_GATEWAY_DEV_URL is set, else the build. */
export function rendererUrl(appRoot: string): string {
  return (
    process.env.LINGMA_GATEWAY_DEV_URL ??
    pathToFileURL(join(appRoot, 'dist/renderer/index.html')).href
  );
}

/**
 * The dashboard window: sandboxed, isolated, no Node, narrow preload; it may not navigate away
 * from the renderer or open windows; http(s) links go to the system browser.
 */
export function createDashboardWindow(appRoot: string, iconPath: string): BrowserWindow {
  const url = rendererUrl(appRoot);
  const win = new BrowserWindow({
    width: 1180,
    height: 820,
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: 'Lingma Gateway',
    icon: iconPath,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(appRoot, 'dist/preload/preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const own = new URL(url);
  win.webContents.on('will-navigate', (event, target) => {
    const t = new URL(target);
    if (t.origin === own.origin && t.pathname === own.pathname) return;
    event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    if (/^https?:\/\//i.test(target)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
