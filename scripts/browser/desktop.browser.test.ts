/**
 * The desktop renderer in real Chromium against the real core (issue "Desktop app", Tests): a new
 * user adds an account and logs in through the simulator's login page, toggles the gateway, copies
 * a setup snippet and runs the Test button; then keys and keyboard access. Settings, one-click
 * setup, the state model and the languages have their own files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../electron/core/lingma/free-port';
import { startBrowserSession, type BrowserSession } from './session';

const WAIT = { timeout: 15_000, interval: 100 };

let s: BrowserSession;

/** A real request to the gateway's models route; resolves to the status, rejects on no listener. */
async function modelsStatus(baseUrl: string, key: string): Promise<number> {
  const res = await fetch(`${baseUrl}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.status;
}

async function connectError(url: string): Promise<string | undefined> {
  try {
    await fetch(url);
    return undefined;
  } catch (err) {
    return ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

const gatewayState = () => s.page.getByTestId('status-bar').getAttribute('data-state');
const nav = (name: string) =>
  s.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });

describe('desktop app (Chromium, real core)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    // A fixed free port, as a user has one: the listener comes back on the same URL after Start.
    const port = await findFreePort();
    s = await startBrowserSession({
      accounts: [],
      login: false,
      settings: { server: { port, keepAliveMs: 15_000 } },
    });
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('shows a new user "needs setup" with one obvious next step', async () => {
    const { page } = s;
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect.poll(gatewayState, WAIT).toBe('setup');
    const bar = page.getByTestId('status-bar');
    expect(await bar.getByTestId('status-reason').textContent()).toBe(
      'Add a Lingma account so the gateway can answer requests.',
    );
    expect(await bar.getByRole('button').allTextContents()).toEqual(['Add account']);
    // Lingma is there (LINGMA_BIN): step 1 is done, step 2 is the current one.
    expect(await page.getByTestId('step-1').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('step-2').getAttribute('aria-current')).toBe('step');
    // Nothing else can work yet, and the page says so instead of failing on click.
    expect(await page.getByTestId('step-4').textContent()).toContain(
      'Last: send a test request through the gateway.',
    );
    await s.screenshot('01-empty-dashboard');

    await bar.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await expect.poll(() => page.getByText('No accounts yet').isVisible(), WAIT).toBe(true);
    // The next step is already under the cursor.
    await expect
      .poll(() => page.locator(':focus').getAttribute('placeholder'), WAIT)
      .toBe('e.g. work');
  });

  it('adds an account and logs in through the login window', async () => {
    const { page, platform, harness } = s;
    await page.getByLabel('Account name').fill('work');
    await page.getByRole('button', { name: 'Add account and log in' }).click();

    const login = await platform.nextLoginWindow();
    expect(login.request.accountName).toBe('work');
    const loginUrl = new URL(login.request.url);
    expect(loginUrl.hostname).toBe('127.0.0.1');
    expect(loginUrl.pathname).toBe('/lingma/login');
    expect(loginUrl.searchParams.get('port')).toBe(String(login.request.callbackPort));

    const row = page.getByTestId('account-work');
    const status = row.getByTestId('login-status');
    await expect.poll(() => status.getAttribute('data-phase'), WAIT).toBe('waiting');
    expect(await row.locator('[data-state]').first().getAttribute('data-state')).toBe('logging-in');

    await login.page.getByLabel('Account').fill('me@example.com');
    await login.page.getByLabel('Password').fill('correct horse');
    await s.screenshot('02-login-window', login.page);
    await login.page.getByRole('button', { name: 'Authorize' }).click();

    // The app closes the window itself once the child reports the login.
    const how = await Promise.race([
      login.closed,
      new Promise((r) => setTimeout(() => r('still open'), 15_000)),
    ]);
    expect(how).toBe('closed-by-app');
    expect(login.page.isClosed()).toBe(true);
    await expect.poll(() => status.getAttribute('data-phase'), WAIT).toBe('succeeded');
    await expect
      .poll(() => row.locator('[data-state]').first().getAttribute('data-state'), WAIT)
      .toBe('ready');
    await expect.poll(() => row.textContent(), WAIT).toContain('me@example.com');
    // Lingma's raw user type in plain words.
    expect(await row.getByTestId('account-user').textContent()).toBe(
      'me@example.com · plan: Personal standard',
    );
    expect(harness.core.listAccounts().map((a) => [a.name, a.state])).toEqual([['work', 'ready']]);
    await s.screenshot('03-account-ready');
  });

  it('shows the running gateway and stops and starts the real listener', async () => {
    const { page, harness } = s;
    await nav('Dashboard').click();
    await expect.poll(gatewayState, WAIT).toBe('ready');
    // From here on the dashboard's own cards: the first-run guide is closed (first-run.browser
    // covers it).
    await page.getByRole('button', { name: 'Hide this guide' }).click();
    await page.getByTestId('setup-flow').waitFor({ state: 'detached' });
    const baseUrl = harness.core.gatewayStatus().baseUrl;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await page.getByTestId('base-url').textContent()).toBe(`${baseUrl}/v1`);
    expect(await modelsStatus(baseUrl!, harness.apiKey)).toBe(200);
    await s.screenshot('04-dashboard-running');

    await page.getByTestId('gateway-card').getByRole('button', { name: 'Stop gateway' }).click();
    await expect.poll(gatewayState, WAIT).toBe('stopped');
    expect(await page.getByTestId('base-url').count()).toBe(0);
    expect(harness.core.gatewayStatus().listening).toBe(false);
    expect(await connectError(`${baseUrl}/v1/models`)).toBe('ECONNREFUSED');
    expect(await page.getByRole('button', { name: 'Send test request' }).isDisabled()).toBe(true);

    await page.getByTestId('gateway-card').getByRole('button', { name: 'Start gateway' }).click();
    await expect.poll(gatewayState, WAIT).toBe('ready');
    expect(harness.core.gatewayStatus().baseUrl).toBe(baseUrl);
    await expect.poll(() => page.getByTestId('base-url').textContent(), WAIT).toBe(`${baseUrl}/v1`);
    expect(await modelsStatus(baseUrl!, harness.apiKey)).toBe(200);
  });

  it('copies the Claude Code setup with the real URL and key, showing only the masked key', async () => {
    const { page, harness, platform } = s;
    const baseUrl = harness.core.gatewayStatus().baseUrl!;
    const [key] = await harness.api.keysList();
    const secret = await harness.api.keysReveal({ id: key!.id });
    const models = await harness.api.modelsList();
    expect(models.length).toBeGreaterThan(0);

    const card = page.getByRole('region', { name: 'Other tools' });
    await card
      .getByRole('combobox', { name: 'Tool' })
      .selectOption({ label: 'Claude Code (shell)' });
    // The model list follows the account that just logged in (no reload).
    const modelSelect = card.getByRole('combobox', { name: 'Model' });
    await expect
      .poll(
        () =>
          modelSelect.locator('option').evaluateAll((o) => o.map((x) => x.getAttribute('value'))),
        WAIT,
      )
      .toEqual(models.map((m) => m.id));
    await modelSelect.selectOption(models[0]!.id);
    const snippet = page.getByTestId('snippet');
    const shown = (await snippet.textContent()) ?? '';
    expect(shown).toContain(`ANTHROPIC_BASE_URL=${baseUrl}`);
    expect(shown).toContain(`ANTHROPIC_AUTH_TOKEN=${key!.prefix}`);
    expect(shown).not.toContain(secret);

    const before = platform.clipboard.length;
    await card.getByRole('button', { name: 'Copy setup' }).click();
    await expect.poll(() => platform.clipboard.length, WAIT).toBe(before + 1);
    const copied = platform.clipboard.at(-1)!;
    expect(copied).toContain(`export ANTHROPIC_BASE_URL=${baseUrl}\n`);
    expect(copied).toContain(`export ANTHROPIC_AUTH_TOKEN=${secret}\n`);
    expect(copied).toMatch(/\nclaude$/);
    await expect.poll(() => card.getByRole('button', { name: 'Copied' }).count(), WAIT).toBe(1);
    // The real key went to the clipboard only: it is nowhere in the page.
    expect(await page.content()).not.toContain(secret);
  });

  it('runs the Test button through the gateway and shows the answer and latency', async () => {
    const { page, harness } = s;
    const before = (await harness.core.queryLogs({ limit: 100 })).entries.length;
    await page.getByLabel('Prompt').fill('Ping from the browser test');
    await page.getByRole('button', { name: 'Send test request' }).click();
    const result = page.getByTestId('test-result');
    await expect.poll(() => result.textContent(), WAIT).toMatch(/Simulated reply from/);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('You said: Ping from the browser test');
    expect(text).toMatch(/first token after \d+ ms · \d+ ms in all/);
    // It went through the gateway like any client: the request log has it.
    await expect
      .poll(async () => (await harness.core.queryLogs({ limit: 100 })).entries.length, WAIT)
      .toBe(before + 1);
    await s.screenshot('05-test-result');
  });

  it('creates an API key that works and revokes it', async () => {
    const { page, harness } = s;
    const baseUrl = harness.core.gatewayStatus().baseUrl!;
    await page.getByLabel('New key name').fill('laptop-cline');
    await page.getByRole('button', { name: 'Create key' }).click();
    const row = page.getByRole('row').filter({ hasText: 'laptop-cline' });
    await row.waitFor();
    const created = (await harness.api.keysList()).find((k) => k.name === 'laptop-cline');
    expect(created).toBeDefined();
    const secret = await harness.api.keysReveal({ id: created!.id });
    // Shown once, in full, right after creation; the table shows only the prefix.
    expect(await page.getByTestId('key-created').textContent()).toContain(secret);
    expect(await row.textContent()).toContain(created!.prefix);
    expect(await row.textContent()).not.toContain(secret);
    expect(await modelsStatus(baseUrl, secret)).toBe(200);

    // Escape cancels the confirmation.
    await row.getByRole('button', { name: 'Revoke' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this key?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await harness.api.keysList()).some((k) => k.id === created!.id)).toBe(true);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await harness.api.keysList()).some((k) => k.id === created!.id)).toBe(false);
    expect(await modelsStatus(baseUrl, secret)).toBe(401);
    // The revoked secret no longer lingers on screen.
    expect(await page.content()).not.toContain(secret);
  });

  it('reaches the main controls with the keyboard, with a visible focus ring', async () => {
    const { page } = s;
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect.poll(gatewayState, WAIT).toBe('ready');
    const wanted = [
      'Skip to content',
      'Dashboard',
      'Accounts',
      'Stop gateway',
      'Create key',
      'Copy setup',
      'Send test request',
    ];
    const reached = new Set<string>();
    for (let i = 0; i < 60 && !wanted.every((w) => reached.has(w)); i++) {
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      if ((await focused.count()) === 0) continue;
      const text = (await focused.textContent())?.trim() ?? '';
      if (wanted.includes(text)) {
        // A string: this runs in the page, and the Node typecheck has no DOM types.
        const outline = await page.evaluate(
          'getComputedStyle(document.activeElement).outlineStyle',
        );
        expect(outline, text).not.toBe('none');
      }
      reached.add(text);
    }
    expect(wanted.filter((w) => !reached.has(w))).toEqual([]);

    // Enter on a focused nav button switches the page, and focus lands on the new heading.
    await nav('Accounts').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await expect.poll(() => page.locator(':focus').textContent(), WAIT).toBe('Accounts');
  });

  it('logged no errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
