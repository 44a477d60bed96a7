/**
 * A scripted DesktopPlatform for the browser tests. The login "window" is a real Chromium page in
 * its own browser context (as the app gives each account its own session partition), opened on
 * the URL the core asked for; everything else is recorded so tests can assert on it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  readXdgAutostart,
  setXdgAutostart,
  type XdgAutostartOptions,
} from '../../electron/core/desktop/autostart/xdg-autostart';
import type {
  DesktopPlatform,
  LoginWindowHandle,
  LoginWindowRequest,
  LoginWindowResult,
} from '../../electron/core/desktop/platform';

export interface LoginWindow {
  request: LoginWindowRequest;
  page: Page;
  /** Resolves like the handle's `closed`. */
  closed: Promise<LoginWindowResult>;
}

export interface FakePlatform extends DesktopPlatform {
  /** Every text "copied", oldest first. */
  readonly clipboard: string[];
  readonly external: string[];
  readonly notifications: Array<{ title: string; body: string }>;
  /** The OS languages the app sees (tests change it to switch the system language). */
  locales: string[];
  /** Paths written by saveFile. */
  readonly saved: string[];
  /** The next login window the app opens (or one already open and not yet taken). */
  nextLoginWindow(timeoutMs?: number): Promise<LoginWindow>;
  /** Closes any login window still open. */
  closeAll(): Promise<void>;
}

/**
 * `home` is the user's (temp) home: launch at login writes a real XDG autostart entry there, as
 * the Linux app does.
 */
export function createFakePlatform(
  browser: Browser,
  saveDir: string,
  home: string,
  locales: string[] = ['en-US'],
): FakePlatform {
  const clipboard: string[] = [];
  const external: string[] = [];
  const notifications: Array<{ title: string; body: string }> = [];
  const autostart: XdgAutostartOptions = {
    env: {},
    home,
    exec: ['/opt/Lingma Gateway/lingma-gateway'],
    name: 'Lingma Gateway',
    fileName: 'lingma-gateway.desktop',
  };
  const saved: string[] = [];
  const unclaimed: LoginWindow[] = [];
  const waiters: Array<(w: LoginWindow) => void> = [];
  const open = new Set<Page>();

  const announce = (w: LoginWindow): void => {
    const waiter = waiters.shift();
    if (waiter) waiter(w);
    else unclaimed.push(w);
  };

  const openLoginWindow = (request: LoginWindowRequest): LoginWindowHandle => {
    let closedByApp = false;
    let settle!: (how: LoginWindowResult) => void;
    const closed = new Promise<LoginWindowResult>((resolve) => (settle = resolve));
    const ready = (async (): Promise<Page | undefined> => {
      const context = await browser.newContext();
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      open.add(page);
      page.once('close', () => {
        open.delete(page);
        settle(closedByApp ? 'closed-by-app' : 'closed-by-user');
        void context.close().catch(() => undefined);
      });
      if (closedByApp) {
        await page.close();
        return undefined;
      }
      announce({ request, page, closed });
      // A failed navigation stays visible on the page, as it would in a real window.
      await page.goto(request.url).catch(() => undefined);
      return page;
    })();
    ready.catch(() => settle('closed-by-user'));
    return {
      closed,
      close() {
        if (closedByApp) return;
        closedByApp = true;
        void ready.then((page) => page?.close()).catch(() => undefined);
      },
    };
  };

  // Its parts are handed around as plain functions (the app service copies them), so they read
  // the platform through `self`, never `this`.
  const self: FakePlatform = {
    clipboard,
    external,
    notifications,
    locales,
    saved,
    openLoginWindow,
    writeClipboard: (text) => void clipboard.push(text),
    openExternal: async (url) => void external.push(url),
    async saveFile(defaultName, data) {
      const path = join(saveDir, defaultName);
      await writeFile(path, data);
      saved.push(path);
      return path;
    },
    openFile: async () => undefined,
    notify: (title, body) => void notifications.push({ title, body }),
    launchAtLogin: {
      get: () => readXdgAutostart(autostart),
      set: (enabled) => setXdgAutostart(autostart, enabled),
    },
    systemLocales: () => [...self.locales],
    appVersion: () => '0.0.0-browser-test',
    nextLoginWindow(timeoutMs = 15_000) {
      const ready = unclaimed.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(take), 1);
          reject(new Error(`no login window opened within ${timeoutMs} ms`));
        }, timeoutMs);
        const take = (w: LoginWindow): void => {
          clearTimeout(timer);
          resolve(w);
        };
        waiters.push(take);
      });
    },
    async closeAll() {
      await Promise.all([...open].map((p) => p.close().catch(() => undefined)));
    },
  };
  return self;
}
