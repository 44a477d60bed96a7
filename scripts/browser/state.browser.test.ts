/**
 * Issue 15, item 2 in real Chromium against the real core: ONE state model behind the pinned
 * status area and the tray. Ready 2 of 2, partly down 1 of 2 and all down 0 of 2 are told apart
 * (and match what the gateway really answers); stopped and a taken port each offer the action
 * that fixes them; the status area stays in view while the page scrolls.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../electron/core/lingma/free-port';
import { startBrowserSession, type BrowserSession } from './session';
import { statusReason, statusState, trayNow, WAIT } from './ui';

let s: BrowserSession;
const title = () => s.page.getByTestId('status-title').textContent();
const action = () => s.page.getByTestId('status-bar').getByRole('button');

async function agree(id: string): Promise<void> {
  await expect.poll(() => statusState(s.page), WAIT).toBe(id);
  const tray = await trayNow(s);
  expect(tray.icon).toBe(id);
  expect(tray.tooltip).toContain(`${await title()}: ${await statusReason(s.page)}`);
}

async function modelsStatus(): Promise<number> {
  const res = await fetch(`${s.harness.core.gatewayStatus().baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.harness.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('the app state (Chromium, real core)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    const port = await findFreePort();
    s = await startBrowserSession({
      accounts: ['alpha', 'beta'],
      settings: { server: { port } },
    });
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('reads "Ready (2 of 2)" when every account answers', async () => {
    await agree('ready');
    expect(await title()).toBe('Ready (2 of 2)');
    expect(await s.page.locator('.sidebar-status').textContent()).toContain('Ready (2 of 2)');
  });

  it('tells 1 of 2 from 0 of 2, as the gateway really answers', async () => {
    const { harness } = s;
    const [alpha, beta] = harness.accountIds as [string, string];
    await harness.api.accountsLogout({ id: beta });
    await agree('partial');
    expect(await title()).toBe('Partly down (1 of 2)');
    expect(await statusReason(s.page)).toBe('beta is logged out; the other accounts answer.');
    expect(await action().allTextContents()).toEqual(['Log in to beta']);
    expect(await modelsStatus()).toBe(200);
    await s.screenshot('state-01-partial');
    await harness.api.accountsLogout({ id: alpha });
    await agree('down');
    expect(await title()).toBe('All down (0 of 2)');
    expect(await statusReason(s.page)).toBe(
      'No account is logged in (alpha, beta): every request fails.',
    );
    expect(await modelsStatus()).toBe(503);
    await s.screenshot('state-02-down');
  });

  it('runs the next action from the status area: log in', async () => {
    const { page, platform } = s;
    await action().click();
    const login = await platform.nextLoginWindow();
    expect(login.request.accountName).toBe('alpha');
    await login.page.getByLabel('Account').fill('alpha@example.com');
    await login.page.getByLabel('Password').fill('correct horse');
    await login.page.getByRole('button', { name: 'Authorize' }).click();
    await agree('partial');
    // The action moved the user to the account it concerns.
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  it('shows a stopped gateway as stopped, with Start as the action', async () => {
    await s.harness.api.gatewayStop();
    await agree('stopped');
    expect(await statusReason(s.page)).toBe('The gateway is off: your tools cannot connect.');
    await action().click();
    await agree('partial');
  });

  it('shows a taken port as an error, and "Use port N" moves the listener there', async () => {
    const { harness } = s;
    const port = harness.core.gatewayStatus().port;
    await harness.api.gatewayStop();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      await harness.api.gatewayStart();
      await agree('error');
      expect(await statusReason(s.page)).toBe(`Port ${port} is used by another program.`);
      const use = action();
      const label = (await use.textContent()) ?? '';
      const next = Number(/Use port (\d+)/.exec(label)?.[1]);
      expect(next).toBeGreaterThan(port);
      await s.screenshot('state-03-port-taken');
      await use.click();
      await agree('partial');
      expect(harness.core.gatewayStatus()).toMatchObject({ port: next, listening: true });
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('keeps the status area in view while a long page scrolls', async () => {
    const { page } = s;
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await page.mouse.wheel(0, 5_000);
    await expect
      .poll(() => page.evaluate('document.querySelector("main").scrollTop || window.scrollY'), WAIT)
      .not.toBe(0);
    const box = await page.getByTestId('status-bar').boundingBox();
    expect(box?.y).toBeLessThanOrEqual(1);
    expect(await page.locator('.sidebar-status').isVisible()).toBe(true);
    const side = await page.locator('.sidebar-status').boundingBox();
    expect((side?.y ?? 9999) + (side?.height ?? 0)).toBeLessThanOrEqual(820);
  });

  it('logged no errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
