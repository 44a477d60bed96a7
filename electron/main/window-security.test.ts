/**
 * Every window and every session the shell creates, checked on the electron mock: secure web
 * preferences, the app-wide navigation guard, permission handlers. A window built any other way
 * fails here (the check itself is shown to fail on one), and a source scan makes sure no code
 * constructs a BrowserWindow outside secure-window.ts.
 */
import type { App, Session } from 'electron';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLoginWindow } from './login-window';
import { allowDevTools, SECURE_WEB_PREFERENCES } from './secure-window';
import { installSessionGuard } from './session-guard';
import {
  app,
  BrowserWindow,
  session,
  shell,
  type FakeSession,
  type FakeWebContents,
} from './testing/electron-mock';
import { isGuarded, installWebContentsGuard } from './web-guard';
import { createDashboardWindow, rendererUrl } from './windows';

const MAIN_DIR = fileURLToPath(new URL('.', import.meta.url));
const APP_ROOT = '/opt/lingma-gateway/resources/app.asar';
const OWN_URL = rendererUrl(APP_ROOT, { packaged: true, env: {} });

/** Throws unless the window has every secure preference and the guard on its contents. */
function assertSecureWindow(win: BrowserWindow, o: { devTools: boolean }): void {
  const prefs = (win.options.webPreferences ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(SECURE_WEB_PREFERENCES)) {
    if (prefs[key] !== value) throw new Error(`webPreferences.${key} is ${String(prefs[key])}`);
  }
  if (prefs.devTools !== o.devTools) throw new Error(`devTools is ${String(prefs.devTools)}`);
  const preload = prefs.preload;
  if (preload !== undefined && preload !== join(APP_ROOT, 'dist/preload/preload.cjs')) {
    throw new Error(`unexpected preload ${String(preload)}`);
  }
  if (!isGuarded(win.webContents as never)) throw new Error('web contents not guarded');
}

/** Dispatches a navigation and reports whether the guard stopped it. */
function navigate(contents: FakeWebContents, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

function assertHardenedSession(ses: FakeSession): void {
  const granted: boolean[] = [];
  for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'hid']) {
    if (!ses.permissionRequestHandler) throw new Error(`${ses.partition}: no request handler`);
    ses.permissionRequestHandler(null, permission, (g) => granted.push(g));
    if (ses.permissionCheckHandler?.(null, permission, 'https://x.example', {}) !== false) {
      throw new Error(`${ses.partition}: check handler allows ${permission}`);
    }
  }
  if (granted.length !== 5 || granted.some(Boolean)) throw new Error('a permission was granted');
  if (ses.devicePermissionHandler?.({}) !== false) throw new Error('device permission allowed');
  let downloadPrevented = false;
  ses.emit('will-download', { preventDefault: () => (downloadPrevented = true) });
  if (!downloadPrevented) throw new Error(`${ses.partition}: downloads allowed`);
}

beforeAll(() => {
  allowDevTools(false);
  installWebContentsGuard(app as unknown as App, (url) => void shell.openExternal(url));
  installSessionGuard(app as unknown as App, session.defaultSession as unknown as Session);
  createDashboardWindow(APP_ROOT, OWN_URL, '/icon.png');
  openLoginWindow({
    accountId: 'work',
    accountName: 'work',
    url: 'https://devops.aliyun.com/lingma/login?port=40001',
    callbackPort: 40001,
  });
  openLoginWindow({
    accountId: 'home',
    accountName: 'home',
    url: 'http://127.0.0.1:40002/login',
    callbackPort: 40002,
  });
});

describe('window security (packaged)', () => {
  it('creates every window with the secure preferences and without DevTools', () => {
    expect(BrowserWindow.instances).toHaveLength(3);
    for (const win of BrowserWindow.instances) assertSecureWindow(win, { devTools: false });
  });

  it('fails the check for a window created without them', () => {
    const rogue = new BrowserWindow({ webPreferences: { nodeIntegration: true } });
    expect(() => assertSecureWindow(rogue, { devTools: false })).toThrow(/sandbox/);
    BrowserWindow.instances.pop();
    // The app-wide guard still covers it: with no policy of its own it may go nowhere.
    expect(navigate(rogue.webContents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(rogue.webContents.openHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    });
  });

  it('refuses webviews, new windows and off-policy navigation in every window', () => {
    for (const win of BrowserWindow.instances) {
      const c = win.webContents;
      expect(navigate(c, 'will-attach-webview', 'https://evil.example')).toBe(true);
      expect(navigate(c, 'will-navigate', 'https://evil.example/phish')).toBe(true);
      expect(navigate(c, 'will-redirect', 'file:///etc/passwd')).toBe(true);
      expect(c.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    }
    const [dashboard, login] = BrowserWindow.instances;
    expect(navigate(dashboard!.webContents, 'will-navigate', `${OWN_URL}#/logs`)).toBe(false);
    expect(navigate(login!.webContents, 'will-navigate', 'https://signin.aliyun.com/x')).toBe(
      false,
    );
    // http(s) links leave through the system browser, never inside the app.
    const before = shell.opened.length;
    expect(dashboard!.webContents.openHandler?.({ url: 'https://docs.example/x' })).toEqual({
      action: 'deny',
    });
    expect(shell.opened.slice(before)).toEqual(['https://docs.example/x']);
  });

  it('hardens every session: the default one and each login partition', () => {
    const all = [session.defaultSession, ...session.partitions.values()];
    expect(all.map((s) => s.partition)).toEqual([
      '',
      'persist:lingma-login-work',
      'persist:lingma-login-home',
    ]);
    for (const ses of all) assertHardenedSession(ses);
    // A session created later (by anything) is covered too.
    assertHardenedSession(session.fromPartition('persist:something-new'));
  });

  it('ignores the dev server URL in a packaged build and accepts only a local one otherwise', () => {
    const env = { LINGMA_GATEWAY_DEV_URL: 'http://localhost:5173/' };
    expect(rendererUrl(APP_ROOT, { packaged: true, env })).toMatch(/^file:\/\/.*index\.html$/);
    expect(rendererUrl(APP_ROOT, { packaged: false, env })).toBe('http://localhost:5173/');
    const remote = { LINGMA_GATEWAY_DEV_URL: 'https://evil.example/' };
    expect(rendererUrl(APP_ROOT, { packaged: false, env: remote })).toMatch(/^file:/);
  });
});

describe('window construction', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
      return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
    });

  it('happens only in secure-window.ts', () => {
    const offenders = sources(MAIN_DIR).filter(
      (file) =>
        /new\s+BrowserWindow\s*\(|new\s+BrowserView\s*\(|new\s+WebContentsView\s*\(/.test(
          readFileSync(file, 'utf8'),
        ) && !file.endsWith('secure-window.ts'),
    );
    expect(offenders.map((f) => relative(MAIN_DIR, f))).toEqual([]);
  });

  it('gives DevTools to development builds only', () => {
    allowDevTools(true);
    createDashboardWindow(APP_ROOT, OWN_URL, '/icon.png');
    assertSecureWindow(BrowserWindow.instances.at(-1)!, { devTools: true });
    allowDevTools(false);
  });
});
