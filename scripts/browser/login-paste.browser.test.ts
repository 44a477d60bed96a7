/**
 * Logging in from another machine in the desktop renderer (real Chromium, real core): the login
 * URL is opened in a browser elsewhere, which stops at the 127.0.0.1 callback it cannot reach;
 * the user pastes that address into the paste form of the running login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asShownInAddressBar, playBrowserLogin } from '../lingma-sim/testing';
import { startBrowserSession, type BrowserSession } from './session';

const WAIT = { timeout: 15_000, interval: 100 };
let s: BrowserSession;

describe('desktop login by pasting the callback address', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    s = await startBrowserSession({ accounts: ['remote'], login: false });
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('completes the running login from the pasted address, with a clear error for a bad one', async () => {
    const { page, platform, harness } = s;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Accounts' })
      .click();
    const row = page.getByTestId('account-remote');
    await row.getByRole('button', { name: 'Log in', exact: true }).click();
    const login = await platform.nextLoginWindow();
    const form = row.getByTestId('login-paste');
    await form.waitFor();

    await form.getByRole('textbox').fill('https://example.com/not-it');
    await form.getByRole('button', { name: 'Complete login' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent(), WAIT)
      .toContain('not a Lingma login address');

    // Elsewhere: sign in with the same URL; that browser cannot open the callback.
    const elsewhere = await playBrowserLogin(login.request.url, {
      username: 'far@example.com',
      followCallback: false,
    });
    await form.getByRole('textbox').fill(asShownInAddressBar(elsewhere.callbackUrl));
    await form.getByRole('button', { name: 'Complete login' }).click();
    const status = row.getByTestId('login-status');
    await expect.poll(() => status.getAttribute('data-phase'), WAIT).toBe('succeeded');
    expect(await login.closed).toBe('closed-by-app');
    await expect.poll(() => row.textContent(), WAIT).toContain('far@example.com');
    expect(harness.core.listAccounts().map((a) => a.state)).toEqual(['ready']);
  });
});
