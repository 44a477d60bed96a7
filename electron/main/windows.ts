import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSecureWindow } from './secure-window';
import { isHttpUrl, type NavigationPolicy } from './web-guard';

export interface RendererUrlOptions {
  packaged: boolean;
  env: NodeJS.ProcessEnv;
}

/** A dev server URL we accept: plain http on this machine (Vite's default). */
function isLocalDevServer(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * The renderer's URL: the built files, or in an unpackaged build the local Vite dev server named
 * by LINGMA_GATEWAY_DEV_URL. A packaged app ignores the variable: it would otherwise load any page
 * into the window that holds the preload (and so the whole IPC surface).
 */
export function rendererUrl(appRoot: string, o: RendererUrlOptions): string {
  const dev = o.env.LINGMA_GATEWAY_DEV_URL;
  if (!o.packaged && dev && isLocalDevServer(dev)) return dev;
  return pathToFileURL(join(appRoot, 'dist/renderer/index.html')).href;
}

/** The dashboard may stay on its own document; http(s) links open in the system browser. */
export function dashboardNavigation(ownUrl: string): NavigationPolicy {
  const own = new URL(ownUrl);
  return (target) => {
    let t: URL;
    try {
      t = new URL(target);
    } catch {
      return 'deny';
    }
    if (t.origin === own.origin && t.pathname === own.pathname) return 'allow';
    return isHttpUrl(target) ? 'external' : 'deny';
  };
}

/**
 * The dashboard window: the secure defaults of secure-window.ts plus the narrow preload; it may
 * not navigate away from the renderer or open windows.
 */
export function createDashboardWindow(
  appRoot: string,
  url: string,
  iconPath: string,
): BrowserWindow {
  const win = createSecureWindow(
    {
      width: 1180,
      height: 820,
      minWidth: 820,
      minHeight: 560,
      show: false,
      title: 'Lingma Gateway',
      icon: iconPath,
      autoHideMenuBar: true,
      webPreferences: { preload: join(appRoot, 'dist/preload/preload.cjs') },
    },
    dashboardNavigation(url),
  );
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
