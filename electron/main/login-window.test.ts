import type { App } from 'electron';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLoginWindow } from './login-window';
import { app, BrowserWindow, session, shell } from './testing/electron-mock';
import { installWebContentsGuard } from './web-guard';

// main.ts installs the app-wide guard before any window exists; the login policy plugs into it.
beforeAll(() =>
  installWebContentsGuard(app as unknown as App, (url) => void shell.openExternal(url)),
);

const req = {
  accountId: 'work',
  accountName: 'work',
  url: 'https://devops.aliyun.com/lingma/login?nonce=a&port=40001',
  callbackPort: 40001,
};

describe('login window', () => {
  it('is sandboxed, preload-free and in its own partition', () => {
    openLoginWindow(req);
    const win = BrowserWindow.instances.at(-1) as BrowserWindow;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBeUndefined();
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(prefs.session).toBe(session.fromPartition('persist:lingma-login-work'));
    expect(win.loaded).toBe(req.url);
  });

  it('blocks navigation outside the allowlist and sends outside links to the browser', () => {
    openLoginWindow(req);
    const win = BrowserWindow.instances.at(-1) as BrowserWindow;
    const nav = (url: string) => {
      let prevented = false;
      win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(nav('http://127.0.0.1:40001/auth/callback?state=x')).toBe(false);
    expect(nav('https://signin.aliyun.com/x')).toBe(false);
    expect(nav('http://127.0.0.1:8765/v1/models')).toBe(true);
    expect(nav('https://example.com/privacy')).toBe(true);
    expect(shell.opened).toContain('https://example.com/privacy');
    expect(win.webContents.openHandler?.({ url: 'https://example.com/new' })).toEqual({
      action: 'deny',
    });
  });

  it('reports who closed it', async () => {
    const h1 = openLoginWindow(req);
    h1.close();
    await expect(h1.closed).resolves.toBe('closed-by-app');
    const h2 = openLoginWindow(req);
    (BrowserWindow.instances.at(-1) as BrowserWindow).close();
    await expect(h2.closed).resolves.toBe('closed-by-user');
  });
});
