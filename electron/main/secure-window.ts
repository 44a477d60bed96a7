/**
 * The only place a BrowserWindow is constructed (a test scans electron/main for others). Every
 * window gets the same locked-down web preferences, whatever the caller asks for: sandboxed,
 * isolated, no Node in any frame or worker, no webviews, web security on, and DevTools only in
 * development builds. Callers choose only the preload and the session.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { setNavigationPolicy, type NavigationPolicy } from './web-guard';

export const SECURE_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

let devToolsAllowed = false;

/** DevTools exist only when the app is not packaged (main calls this once at start). */
export function allowDevTools(allowed: boolean): void {
  devToolsAllowed = allowed;
}

export type SecureWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'> & {
  webPreferences?: Pick<WebPreferences, 'preload' | 'session'>;
};

export function createSecureWindow(
  options: SecureWindowOptions,
  navigation: NavigationPolicy,
): BrowserWindow {
  const { preload, session } = options.webPreferences ?? {};
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...(preload ? { preload } : {}),
      ...(session ? { session } : {}),
      ...SECURE_WEB_PREFERENCES,
      devTools: devToolsAllowed,
    },
  });
  setNavigationPolicy(win.webContents, navigation);
  return win;
}
