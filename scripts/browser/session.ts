/**
 * One browser-test session: a real core (the Lingma simulator as its binary), the desktop app
 * service over it with a fake platform, the test bridge, Chromium, and the renderer open in a page.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ClientSetup } from '../../electron/core/client-setup/client-setup';
import { createAppService, type AppService } from '../../electron/core/desktop/app-service';
import {
  startHarness,
  type Harness,
  type HarnessOptions,
} from '../../electron/core/testing/core-harness';
import { startBridge, type Bridge } from './bridge-server';
import { launchChromium } from './chromium';
import { createFakePlatform, type FakePlatform } from './fake-platform';
import { buildRendererOnce } from './renderer-build';

export const SCREENSHOTS = fileURLToPath(
  new URL('../../test-artifacts/screenshots/', import.meta.url),
);

export interface BrowserSessionOptions extends HarnessOptions {
  /** The OS languages (default en-US); also Chromium's locale. */
  locales?: string[];
  /** Puts files in the user's home before the app first looks at it (tools "installed"). */
  prepareHome?(home: string): Promise<void>;
}

export interface BrowserSession {
  harness: Harness;
  /** The user's home for this session (tools' configs, autostart entry). */
  home: string;
  service: AppService;
  platform: FakePlatform;
  bridge: Bridge;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Browser console errors and uncaught page errors, for the tests to assert on. */
  pageErrors: string[];
  /** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

const CLOSE_STEP_MS = 15_000;

/** Runs one teardown step; a step that hangs is reported by name instead of stalling the rest. */
async function closeStep(name: string, fn: () => Promise<unknown>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`${name}: still running after ${CLOSE_STEP_MS} ms`),
      CLOSE_STEP_MS,
    );
  });
  const done = fn().then(
    () => undefined,
    (err: unknown) => `${name}: ${err instanceof Error ? err.message : String(err)}`,
  );
  try {
    return await Promise.race([done, hung]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startBrowserSession(o: BrowserSessionOptions): Promise<BrowserSession> {
  const cleanups: Array<[string, () => Promise<unknown>]> = [];
  const close = async (): Promise<void> => {
    const problems: string[] = [];
    for (const [name, fn] of cleanups.splice(0).reverse()) {
      const problem = await closeStep(name, fn);
      if (problem) problems.push(problem);
    }
    if (problems.length) throw new Error(`teardown: ${problems.join('; ')}`);
  };
  try {
    const rendererDir = await buildRendererOnce();
    const browser = await launchChromium();
    cleanups.push(['chromium', () => browser.close()]);
    const saveDir = await mkdtemp(join(tmpdir(), 'lgw-browser-saves-'));
    cleanups.push(['save dir', () => rm(saveDir, { recursive: true, force: true })]);
    const home = await mkdtemp(join(tmpdir(), 'lgw-browser-home-'));
    cleanups.push(['home', () => rm(home, { recursive: true, force: true })]);
    await o.prepareHome?.(home);
    const locales = o.locales ?? ['en-US'];
    const platform = createFakePlatform(browser, saveDir, home, locales);
    cleanups.push(['login windows', () => platform.closeAll()]);
    const harness = await startHarness(o);
    cleanups.push(['core', () => harness.close()]);
    const service = createAppService({
      core: harness.core,
      platform,
      clients: new ClientSetup({
        ctx: { home, env: { PATH: join(home, 'bin') }, platform: process.platform },
        backupDir: join(harness.dataDir, 'client-backups'),
      }),
    });
    await service.reconcileLaunchAtLogin();
    const bridge = await startBridge(service, rendererDir);
    cleanups.push(['bridge', () => bridge.close()]);
    // Light theme and a desktop-window size, so screenshots are comparable between runs.
    const context = await browser.newContext({
      viewport: { width: 1200, height: 820 },
      colorScheme: 'light',
      locale: locales[0],
    });
    // Bounded waits everywhere: a missing element fails the test well inside its timeout.
    context.setDefaultTimeout(15_000);
    // First to go: the page's socket to the bridge closes before the bridge does.
    cleanups.push(['app page', () => context.close()]);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      // Failed loads are reported with their URL below.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
        pageErrors.push(msg.text());
      }
    });
    page.on('response', (res) => {
      // Chromium asks for a favicon on its own; the Electron window never does.
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) {
        pageErrors.push(`HTTP ${res.status()} ${res.url()}`);
      }
    });
    await page.goto(bridge.pageUrl);
    mkdirSync(SCREENSHOTS, { recursive: true });
    return {
      harness,
      home,
      service,
      platform,
      bridge,
      browser,
      context,
      page,
      pageErrors,
      async screenshot(name, target = page) {
        const path = join(SCREENSHOTS, `${name}.png`);
        await target.screenshot({ path, fullPage: true });
        return path;
      },
      close,
    };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
