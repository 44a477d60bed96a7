/**
 * Issue 15, item 3 in real Chromium against the real core: a cancelled first login leaves no
 * half-made account behind without saying so (finish it or remove it); login messages belong to
 * the account's current state and go when it changes; the buttons keep their places.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSession, type BrowserSession } from './session';
import { nav, statusReason, statusState, WAIT } from './ui';

let s: BrowserSession;
const card = (name: string) => s.page.getByTestId(`account-${name}`);
const look = (c: Locator) => c.locator('[data-state]').first().getAttribute('data-state');

async function addAndOpenLogin(name: string) {
  await s.page.getByLabel('Account name').fill(name);
  await s.page.getByRole('button', { name: 'Add account and log in' }).click();
  return s.platform.nextLoginWindow();
}

/** Where each action button sits in its card: they must not move when the state changes. */
async function buttonBoxes(c: Locator): Promise<string[]> {
  const card = await c.boundingBox();
  const out: string[] = [];
  for (const b of await c.locator('.actions > *').all()) {
    const box = await b.boundingBox();
    out.push(
      box && card
        ? `${Math.round(box.x - card.x)},${Math.round(box.y - card.y)},${Math.round(box.width)}`
        : '?',
    );
  }
  return out;
}

describe('accounts (Chromium, real core)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    s = await startBrowserSession({ accounts: [], login: false });
    await nav(s.page, 'Accounts').click();
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('a cancelled first login offers to finish or remove the account, and Remove leaves nothing', async () => {
    const login = await addAndOpenLogin('work');
    const c = card('work');
    await expect.poll(() => look(c), WAIT).toBe('logging-in');
    // The user closes the login window once its page is there.
    await login.page.getByLabel('Account').waitFor();
    await login.page.close();
    await expect
      .poll(() => c.getByTestId('login-status').getAttribute('data-phase'), WAIT)
      .toBe('cancelled');
    const unfinished = c.getByTestId('unfinished');
    expect(await unfinished.textContent()).toContain(
      '“work” is not set up yet: it has never logged in. Log in to finish, or remove it.',
    );
    expect(await look(c)).toBe('never-logged-in');
    // The app is not "down": it still needs setting up.
    expect(await statusState(s.page)).toBe('setup');
    expect(await statusReason(s.page)).toBe('Log in to “work” to finish setting up.');
    await s.screenshot('accounts-01-unfinished');
    await unfinished.getByRole('button', { name: 'Remove it' }).click();
    await s.page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await c.waitFor({ state: 'detached' });
    expect(s.harness.core.listAccounts()).toEqual([]);
  });

  it('finishing a cancelled first login clears the cancelled message', async () => {
    const first = await addAndOpenLogin('home');
    const c = card('home');
    await c.getByRole('button', { name: 'Cancel login' }).click();
    await expect.poll(() => first.page.isClosed(), WAIT).toBe(true);
    await c.getByTestId('unfinished').waitFor();
    const before = await buttonBoxes(c);
    await c.getByRole('button', { name: 'Log in to finish' }).click();
    const login = await s.platform.nextLoginWindow();
    await expect.poll(() => look(c), WAIT).toBe('logging-in');
    expect(await buttonBoxes(c)).toEqual(before);
    await login.page.getByLabel('Account').fill('home@example.com');
    await login.page.getByLabel('Password').fill('correct horse');
    await login.page.getByRole('button', { name: 'Authorize' }).click();
    await expect.poll(() => look(c), WAIT).toBe('ready');
    expect(await c.getByTestId('unfinished').count()).toBe(0);
    expect(await c.getByTestId('login-status').getAttribute('data-phase')).toBe('succeeded');
    expect(await c.textContent()).not.toContain('Login cancelled.');
    // Same buttons in the same places, with "Log in again" in the login button's place.
    expect(await buttonBoxes(c)).toEqual(before);
    expect(await c.locator('.actions > button').first().textContent()).toBe('Log in again');
  });

  it('"Logged in." goes when the account logs out; the badge says what it is now', async () => {
    const c = card('home');
    await c.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => look(c), WAIT).toBe('logged-out');
    expect(await c.getByTestId('login-status').count()).toBe(0);
    expect(await c.textContent()).not.toContain('Logged in.');
    expect(await c.locator('[data-state]').first().textContent()).toBe('logged out');
    expect(await statusState(s.page)).toBe('down');
    await s.screenshot('accounts-02-logged-out');
  });

  it('turning an account off uses a switch that stays in place', async () => {
    const c = card('home');
    const before = await buttonBoxes(c);
    const toggle = c.getByRole('switch', { name: 'Enabled' });
    await toggle.uncheck();
    await expect.poll(() => look(c), WAIT).toBe('disabled');
    expect(await buttonBoxes(c)).toEqual(before);
    expect(await statusReason(s.page)).toBe('Every account is turned off.');
    await toggle.check();
    await expect.poll(() => look(c), WAIT).not.toBe('disabled');
  });

  it('logged no errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
