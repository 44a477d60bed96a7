/**
 * Issue 15, item 1: from first launch to a working tool in one guided flow, in real Chromium
 * against the real core, with no Lingma on the machine. Lingma comes from a local stand-in for
 * the Marketplace (a real package whose `Lingma` runs the simulator), which first fails, then is
 * cancelled, then installs; an account logs in; Claude Code is set up in one click and the file it
 * got works with the Anthropic SDK; the test request ticks the last step. The tray (same core,
 * same state model) must agree with the pinned status area at every stage.
 */
import Anthropic from '@anthropic-ai/sdk';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLingmaPackage,
  startLingmaDownloadServer,
  type LingmaDownloadServer,
} from '../../electron/core/services/testing/lingma-download';
import { SIM_BIN } from '../lingma-sim/testing';
import { startBrowserSession, type BrowserSession } from './session';
import { nav, statusReason, statusState, trayNow, WAIT } from './ui';

let s: BrowserSession;
let server: LingmaDownloadServer;

async function expectTrayAgrees(): Promise<void> {
  const state = await statusState(s.page);
  expect((await trayNow(s)).icon).toBe(state);
}

describe('first run (Chromium, real core, no Lingma yet)', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    // ~51 MB of Lingma (compresses to almost nothing) plus 3 MB that does not compress: about
    // two seconds at 1.5 MB/s, long enough to watch and cancel.
    server = await startLingmaDownloadServer(
      buildLingmaPackage({ target: SIM_BIN, paddingBytes: 3_000_000 }),
      1_500_000,
    );
    s = await startBrowserSession({
      accounts: [],
      login: false,
      env: { LINGMA_BIN: '' },
      // Claude Code is "installed" before the app first looks for tools.
      prepareHome: (home) =>
        mkdir(join(home, '.claude'), { recursive: true }).then(() => undefined),
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await server?.close();
  }, 120_000);

  it('says "needs setup" with one next step, and opens the guide on step 1', async () => {
    const { page } = s;
    await expect.poll(() => statusState(page), WAIT).toBe('setup');
    expect(await statusReason(page)).toBe('Lingma is not on this computer yet.');
    expect(await page.getByTestId('status-bar').getByRole('button').allTextContents()).toEqual([
      'Get Lingma',
    ]);
    const step1 = page.getByTestId('step-1');
    expect(await step1.getAttribute('aria-current')).toBe('step');
    await expectTrayAgrees();
    await s.screenshot('first-run-01-needs-setup');
  });

  it('a failed download shows the real reason and the fix once, with Retry, and no stuck bar', async () => {
    const { page } = s;
    server.failing = true;
    // The download source is a Settings field now (it did not exist before).
    await nav(page, 'Settings').click();
    await page.getByLabel('Download source').fill(server.vsixUrl);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count(), WAIT)
      .toBe(1);
    expect(s.harness.core.getSettings().lingma.vsixUrl).toBe(server.vsixUrl);
    await nav(page, 'Dashboard').click();
    await page.getByTestId('get-lingma').click();
    await expect.poll(() => statusState(page), WAIT).toBe('error');
    const failure = page.getByTestId('binary-failure');
    expect(await failure.getAttribute('data-code')).toBe('http');
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('the download server refused the request.');
    expect(text).toContain('Retry in a few minutes.');
    expect(text).toMatch(/503/);
    expect(await page.getByTestId('binary-failure').count()).toBe(1);
    expect(await page.getByTestId('download-progress').count()).toBe(0);
    expect(await statusReason(page)).toBe(
      'Lingma could not be downloaded: the download server refused the request.',
    );
    await expectTrayAgrees();
    await s.screenshot('first-run-02-download-failed');
  });

  it('shows size, speed and Cancel while downloading; cancelling goes back to setup', async () => {
    const { page } = s;
    server.failing = false;
    await page.getByTestId('status-bar').getByRole('button', { name: 'Retry download' }).click();
    const bar = page.getByTestId('status-bar').getByTestId('download-progress');
    await expect
      .poll(async () => (await bar.textContent()) ?? '', WAIT)
      .toMatch(/Downloading · [\d.]+ of [\d.]+ MB · [\d.]+ MB\/s · about \d+ s left/);
    expect(await statusState(page)).toBe('starting');
    // The same progress in the guide and in the tray tooltip.
    expect(await page.getByTestId('step-1').getByTestId('download-progress').count()).toBe(1);
    expect((await trayNow(s)).tooltip).toMatch(/Starting: Downloading Lingma: [\d.]+ of/);
    await s.screenshot('first-run-03-downloading');
    await bar.getByRole('button', { name: 'Cancel download' }).click();
    await expect.poll(() => statusState(page), WAIT).toBe('setup');
    expect(await statusReason(page)).toBe('The Lingma download was cancelled.');
    expect(await page.getByTestId('download-progress').count()).toBe(0);
    expect(await s.harness.api.binaryStatus()).toMatchObject({ state: 'missing', cancelled: true });
  });

  it('adding an account gets Lingma first, with the download on the account card', async () => {
    const { page, platform, harness } = s;
    await nav(page, 'Accounts').click();
    await page.getByLabel('Account name').fill('work');
    await page.getByRole('button', { name: 'Add account and log in' }).click();
    const card = page.getByTestId('account-work');
    // Not silent: the card says what is happening and shows the bytes, with its own Cancel.
    await expect
      .poll(() => card.getByTestId('login-status').textContent(), WAIT)
      .toContain('Getting Lingma first (this happens once)…');
    await expect
      .poll(async () => (await card.getByTestId('download-progress').textContent()) ?? '', WAIT)
      .toMatch(/of [\d.]+ MB/);
    expect(await card.locator('[data-state]').first().getAttribute('data-state')).toBe(
      'logging-in',
    );
    await s.screenshot('first-run-04-downloading-on-account');
    const login = await platform.nextLoginWindow(30_000);
    expect(await harness.api.binaryStatus()).toMatchObject({ state: 'found', source: 'app-data' });
    await login.page.getByLabel('Account').fill('me@example.com');
    await login.page.getByLabel('Password').fill('correct horse');
    await login.page.getByRole('button', { name: 'Authorize' }).click();
    await expect
      .poll(() => card.locator('[data-state]').first().getAttribute('data-state'), WAIT)
      .toBe('ready');
    // The child runs from the package just installed.
    expect(harness.core.listAccounts()).toMatchObject([{ name: 'work', state: 'ready' }]);
    await expect.poll(() => statusState(page), WAIT).toBe('ready');
    await expectTrayAgrees();
    await nav(page, 'Dashboard').click();
    expect(await page.getByTestId('step-1').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('step-2').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('lingma-found').textContent()).toContain(
      'downloaded by this app',
    );
  });

  it('sets up Claude Code in one click, and the file it got works with the Anthropic SDK', async () => {
    const { page } = s;
    const row = page.getByTestId('step-3').getByTestId('client-claude-code');
    expect(await row.textContent()).toContain('Found: ~/.claude');
    await row.getByRole('button', { name: 'Set up', exact: true }).click();
    await expect.poll(() => row.getAttribute('data-configured'), WAIT).toBe('ours');
    expect(await row.getByTestId('client-done').textContent()).toContain(
      'Claude Code now uses the gateway',
    );
    const settings = JSON.parse(await readFile(join(s.home, '.claude/settings.json'), 'utf8')) as {
      env: Record<string, string>;
    };
    const client = new Anthropic({
      baseURL: settings.env.ANTHROPIC_BASE_URL,
      authToken: settings.env.ANTHROPIC_AUTH_TOKEN,
      apiKey: null,
      maxRetries: 0,
    });
    const reply = await client.messages.create({
      model: settings.env.ANTHROPIC_MODEL ?? 'x',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hello from the written config' }],
    });
    expect(reply.content[0]).toMatchObject({ type: 'text' });
    expect(await page.getByTestId('step-3').getAttribute('data-done')).toBe('true');
    await s.screenshot('first-run-05-tool-connected');
  });

  it('the test request ticks the last step; the finished guide can be closed', async () => {
    const { page } = s;
    const step4 = page.getByTestId('step-4');
    await step4.getByRole('button', { name: 'Send test request' }).click();
    await expect
      .poll(() => step4.getByTestId('test-result').textContent(), WAIT)
      .toMatch(/Simulated reply from/);
    await expect.poll(() => step4.getAttribute('data-done'), WAIT).toBe('true');
    const guide = page.getByTestId('setup-flow');
    expect(await guide.getByRole('heading', { level: 2 }).textContent()).toBe('You are all set');
    await s.screenshot('first-run-06-all-set');
    await guide.getByRole('button', { name: 'Close the guide' }).click();
    await guide.waitFor({ state: 'detached' });
    expect(await page.getByTestId('clients-card').count()).toBe(1);
    await expectTrayAgrees();
  });

  it('logged no errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
