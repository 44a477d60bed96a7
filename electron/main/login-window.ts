import { session, type BrowserWindow } from 'electron';
import type {
  LoginWindowHandle,
  LoginWindowRequest,
  LoginWindowResult,
} from '../core/desktop/platform';
import { loginNavigationVerdict, loginPartition } from './login-policy';
import { createSecureWindow } from './secure-window';

/**
 * The embedded login window: a third-party page, so no preload, the secure defaults of
 * secure-window.ts, its own persistent session partition per account (cookies never shared between
 * accounts or with the app; its permission handlers come from session-guard.ts), navigation
 * limited by login-policy.ts through the app-wide guard; anything else goes to the system browser.
 */
export function openLoginWindow(
  req: LoginWindowRequest,
  parent?: BrowserWindow,
): LoginWindowHandle {
  const policy = { loginUrl: req.url, callbackPort: req.callbackPort };
  const win = createSecureWindow(
    {
      width: 520,
      height: 720,
      parent,
      title: req.title ?? `Log in to Lingma — ${req.accountName}`,
      autoHideMenuBar: true,
      webPreferences: { session: session.fromPartition(loginPartition(req.accountId)) },
    },
    (url) => loginNavigationVerdict(url, policy),
  );
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
