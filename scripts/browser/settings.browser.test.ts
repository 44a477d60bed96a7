/**
 * Issue 15, items 4, 6 and 7 in real Chromium against the real core: Settings grouped with help
 * text; validation that never turns an emptied number into 0; changes from elsewhere that keep
 * unsaved edits; "Restart gateway" right where a change needs it; plain-language warnings; the
 * Lingma path; launch at login as a real XDG autostart entry read back from disk; the language.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../electron/core/lingma/free-port';
import { SIM_BIN } from '../lingma-sim/testing';
import { startBrowserSession, type BrowserSession } from './session';
import { nav, statusReason, statusState, trayNow, WAIT } from './ui';

let s: BrowserSession;
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const field = (label: string) => s.page.getByLabel(label, { exact: true });
const save = () => s.page.getByRole('button', { name: 'Save settings' });

describe('settings (Chromium, real core)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    const port = await findFreePort();
    // Lingma comes from the path setting here (not LINGMA_BIN, which would override the field).
    s = await startBrowserSession({
      accounts: ['alpha'],
      env: { LINGMA_BIN: '' },
      settings: { server: { port }, lingma: { binaryPath: SIM_BIN } },
    });
    await nav(s.page, 'Settings').click();
    await s.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('is grouped, explains every field and speaks no config-key jargon', async () => {
    const { page } = s;
    const legends = await page.locator('fieldset > legend').allTextContents();
    expect(legends).toEqual([
      'This computer',
      'Connection',
      'Lingma program',
      'Models and routing',
      'Tool calls',
      'Request log',
    ]);
    const port = field('Port');
    const help = await port.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${help}"]`).textContent()).toContain(
      'Tools connect to http://127.0.0.1:<port>/v1.',
    );
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/allowLan|server\.|maxInFlight|binaryPath/);
    await s.screenshot('settings-01-groups');
  });

  it('keeps an emptied number field empty and says why it cannot be saved', async () => {
    const before = s.harness.core.getSettings().server.port;
    const port = field('Port');
    await port.fill('');
    expect(await port.inputValue()).toBe('');
    expect(await port.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => s.page.getByRole('alert').filter({ hasText: 'Enter a value.' }).count(), WAIT)
      .toBe(1);
    expect(await save().isDisabled()).toBe(true);
    await port.fill('8x');
    await expect.poll(() => s.page.getByText('Enter a whole number.').count(), WAIT).toBe(1);
    await port.fill('70000');
    await expect.poll(() => s.page.getByText('Enter 65535 or less.').count(), WAIT).toBe(1);
    await s.screenshot('settings-02-invalid');
    await s.page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await port.inputValue()).toBe(String(before));
    expect(s.harness.core.getSettings().server.port).toBe(before);
  });

  it('keeps unsaved edits when a change arrives from elsewhere, and says what changed', async () => {
    const { page, harness } = s;
    await field('Requests at the same time').fill('7');
    // The tray (or another window) changes two settings, one of them the one being edited.
    await harness.core.updateSettings({ logs: { retentionDays: 9 }, routing: { maxInFlight: 3 } });
    const notice = page.getByTestId('changed-elsewhere');
    await expect
      .poll(() => notice.textContent(), WAIT)
      .toContain(
        'Settings were changed elsewhere (Requests at the same time, Keep requests for (days)).',
      );
    expect(await field('Keep requests for (days)').inputValue()).toBe('9');
    expect(await field('Requests at the same time').inputValue()).toBe('7');
    await save().click();
    await expect.poll(() => harness.core.getSettings().routing.maxInFlight, WAIT).toBe(7);
    expect(harness.core.getSettings().logs.retentionDays).toBe(9);
    await expect.poll(() => notice.count(), WAIT).toBe(0);
    // "Saved." belongs to that save: the next edit clears it.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count(), WAIT)
      .toBe(1);
    await field('Keep requests for (days)').fill('10');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count(), WAIT)
      .toBe(0);
    await page.getByRole('button', { name: 'Discard changes' }).click();
  });

  it('offers "Restart gateway" where a new port needs it, and the listener moves', async () => {
    const { page, harness } = s;
    const next = await findFreePort();
    await field('Port').fill(String(next));
    await save().click();
    const restart = page.getByTestId('restart-needed');
    await expect.poll(() => restart.textContent(), WAIT).toContain('Restart it to use the new one');
    expect(harness.core.gatewayStatus().port).not.toBe(next);
    await s.screenshot('settings-03-restart-needed');
    await restart.getByRole('button', { name: 'Restart gateway' }).click();
    await expect.poll(() => harness.core.gatewayStatus().port, WAIT).toBe(next);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Restarted' }).textContent(), WAIT)
      .toBe(`Restarted: the gateway now listens on http://127.0.0.1:${next}.`);
    expect(harness.core.gatewayStatus().listening).toBe(true);
  });

  it('explains a refused address in plain words, naming the switch by its label', async () => {
    const { page, harness } = s;
    await field('Listen address').fill('0.0.0.0');
    await save().click();
    const warning = page.getByTestId('settings-outcome').locator('.warn');
    await expect
      .poll(() => warning.textContent(), WAIT)
      .toContain('it needs “Allow other computers on the network”');
    expect(await warning.textContent()).not.toContain('allowLan');
    expect(harness.core.getSettings().server.host).toBe('127.0.0.1');
  });

  it('shows an unusable Lingma path as an error with its fix, and recovers when corrected', async () => {
    const { page, harness } = s;
    await field('Lingma program').fill('/nonexistent/Lingma');
    await save().click();
    await expect.poll(() => statusState(page), WAIT).toBe('error');
    expect(await statusReason(page)).toBe('The Lingma program set in Settings cannot be used.');
    const card = page.getByTestId('binary-card');
    expect(await card.getByTestId('binary-failure').textContent()).toContain(
      'Correct or clear the Lingma program path in Settings.',
    );
    await s.screenshot('settings-05-bad-path');
    await field('Lingma program').fill(SIM_BIN);
    await save().click();
    await expect.poll(() => statusState(page), WAIT).toBe('ready');
    expect(harness.core.binaryStatus().state).toBe('found');
  });

  it('writes a real autostart entry for launch at login and shows what the OS has', async () => {
    const { page, home } = s;
    const box = page.getByLabel('Start Lingma Gateway when I log in to this computer');
    const file = join(home, '.config/autostart/lingma-gateway.desktop');
    await box.check();
    await expect.poll(() => exists(file), WAIT).toBe(true);
    expect(await readFile(file, 'utf8')).toContain('Exec="/opt/Lingma Gateway/lingma-gateway"');
    expect(await page.getByTestId('launch-help').textContent()).toContain(file);
    // The setting is saved after the OS entry is written: wait for it rather than race it.
    await expect.poll(() => s.harness.core.getSettings().app.launchAtLogin, WAIT).toBe(true);
    expect(
      (await trayNow(s)).menu.find((i) => i.action === 'toggle-launch-at-login')?.checked,
    ).toBe(true);
    // Removed in the desktop's own settings: the app shows it off after a reload.
    await rm(file);
    await page.reload();
    await nav(page, 'Settings').click();
    await expect.poll(() => box.isChecked(), WAIT).toBe(false);
    await box.check();
    await box.uncheck();
    await expect.poll(() => exists(file), WAIT).toBe(false);
  });

  it('switches the language for the window and the tray, and follows the OS when asked to', async () => {
    const { page, platform, harness } = s;
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await nav(page, '概览').count()).toBe(1);
    expect(harness.core.getSettings().app.language).toBe('zh-CN');
    const tray = await trayNow(s, 'zh-CN');
    expect(tray.menu.find((i) => i.action === 'quit')?.label).toBe('退出 Lingma Gateway');
    await s.screenshot('settings-04-zh-CN');
    // "Same as the system" with a Chinese OS: Chinese; with an English one: English.
    await page.getByLabel('语言').selectOption('system');
    platform.locales = ['zh-CN', 'en-US'];
    await page.reload();
    await page.getByRole('heading', { name: '概览', level: 1 }).waitFor();
    platform.locales = ['en-US'];
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  });

  it('logged no errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
