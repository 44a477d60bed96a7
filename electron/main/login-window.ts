import { BrowserWindow, session, shell } from 'electron';
import type {
  LoginWindowHandle,
  LoginWindowRequest,
  LoginWindowResult,
} from '../core/desktop/platform';
import { loginNavigationVerdict, loginPartition } from './login-policy';

/**
 * The embedded login window: a third-party page, so no preload, no Node, sandboxed, its own
 * persistent session partition per account (cookies never shared between accounts or with the
 * app), navigation limited by login-policy.ts; anything else goes to the system browser.
 */
export function openLoginWindow(
  req: LoginWindowRequest,
  parent?: BrowserWindow,
): LoginWindowHandle {
  const policy = { loginUrl: req.url, callbackPort: req.callbackPort };
  const ses = session.fromPartition(loginPartition(req.accountId));
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    width: 520,
    height: 720,
    parent,
    title: req.title ?? `Log in to Lingma — ${req.accountName}`,
    autoHideMenuBar: true,
    webPreferences: {
      session: ses,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const guard = (event: { preventDefault(): void }, url: string): void => {
    const verdict = loginNavigationVerdict(url, policy);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'external') void shell.openExternal(url);
  };
  win.webContents.on('will-navigate', guard);
  win.webContents.on('will-redirect', guard);
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (loginNavigationVerdict(url, policy) !== 'deny') void shell.openExternal(url);
    return { action: 'deny' };
  });
  let closedByApp = false;
  const closed = new Promise<LoginWindowResult>((resolve) => {
    win.on('closed', () => resolve(closedByApp ? 'closed-by-app' : 'closed-by-user'));
  });
  void win.loadURL(req.url);
  return {
    closed,
    close: () => {
      closedByApp = true;
      if (!win.isDestroyed()) win.close();
    },
  };
}
