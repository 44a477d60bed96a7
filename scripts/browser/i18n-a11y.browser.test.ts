/**
 * Issue 15, items 7 and 8 in real Chromium against the real core: every page in English and
 * Simplified Chinese, light and dark, kept as screenshots; each checked by axe-core (WCAG 2.1 AA,
 * colour contrast included, so dark mode is checked, not just drawn); no English prose left on a
 * Chinese page; and every control on every page reachable with the keyboard, focus visible.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../electron/shared/i18n';
import { startBrowserSession, type BrowserSession } from './session';
import { axeProblems, englishLeftOver, LATIN_OK, WAIT } from './ui';

let s: BrowserSession;
const PAGES = ['dashboard', 'accounts', 'logs', 'usage', 'settings'] as const;
const LANGS: Language[] = ['en', 'zh-CN'];
const THEMES = ['light', 'dark'] as const;

async function openPage(index: number): Promise<void> {
  await s.page.locator('.sidebar button.nav').nth(index).click();
  await expect
    .poll(() => s.page.locator('.sidebar button.nav').nth(index).getAttribute('aria-current'), WAIT)
    .toBe('page');
  await s.page.locator('main h1').waitFor();
}

async function setLanguage(lang: Language): Promise<void> {
  await s.harness.core.updateSettings({ app: { language: lang } });
  await expect.poll(() => s.page.locator('html').getAttribute('lang'), WAIT).toBe(lang);
}

describe('languages, themes and access (Chromium, real core)', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    s = await startBrowserSession({ accounts: ['alpha'] });
    await mkdir(join(s.home, '.codex'), { recursive: true });
    await writeFile(join(s.home, '.codex/config.toml'), 'model = "gpt-5.4"\n');
    // One request, so the request log and the usage chart have something to show.
    const res = await fetch(`${s.harness.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.harness.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(res.status).toBe(200);
    await s.page.reload();
    await s.page.locator('main h1').waitFor();
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  for (const lang of LANGS) {
    it(`every page in ${lang}, light and dark: screenshots, axe clean${lang === 'zh-CN' ? ', no English left' : ''}`, async () => {
      await setLanguage(lang);
      const problems: string[] = [];
      for (const theme of THEMES) {
        await s.page.emulateMedia({ colorScheme: theme });
        for (const [i, name] of PAGES.entries()) {
          await openPage(i);
          if (name === 'logs') {
            await s.page.getByTestId('log-row').first().click();
            await s.page.getByTestId('log-detail').locator('h2').waitFor();
          }
          await s.screenshot(`matrix-${lang}-${theme}-${name}`);
          for (const p of await axeProblems(s.page))
            problems.push(`${lang}/${theme}/${name}: ${p}`);
          if (lang === 'zh-CN' && theme === 'light') {
            for (const t of await englishLeftOver(s.page, LATIN_OK)) {
              problems.push(`${name}: English left: "${t}"`);
            }
          }
        }
      }
      await s.page.emulateMedia({ colorScheme: 'light' });
      expect(problems).toEqual([]);
    });
  }

  it('reaches every control on every page with Tab, with a visible focus ring', async () => {
    await setLanguage('en');
    const missed: string[] = [];
    for (const [i, name] of PAGES.entries()) {
      await openPage(i);
      // Everything a mouse user can operate, outside closed dialogs.
      const total = (await s.page.evaluate(`(() => {
        const els = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex="0"]')]
          .filter((e) => !e.disabled && e.offsetParent !== null && !e.closest('dialog:not([open])'));
        els.forEach((e, n) => e.setAttribute('data-kb', String(n)));
        return els.length;
      })()`)) as number;
      const reached = new Set<string>();
      await s.page.evaluate('document.activeElement && document.activeElement.blur()');
      for (let n = 0; n < total * 2 + 10 && reached.size < total; n++) {
        await s.page.keyboard.press('Tab');
        const info = (await s.page.evaluate(`(() => {
          const e = document.activeElement;
          return e ? [e.getAttribute('data-kb'), getComputedStyle(e).outlineStyle] : [null, ''];
        })()`)) as [string | null, string];
        if (info[0] !== null) {
          reached.add(info[0]);
          if (info[1] === 'none') missed.push(`${name}: no focus ring on #${info[0]}`);
        }
      }
      if (reached.size < total) {
        const left = (await s.page.evaluate(`[...document.querySelectorAll('[data-kb]')]
          .filter((e) => !${JSON.stringify([...reached])}.includes(e.getAttribute('data-kb')))
          .map((e) => e.outerHTML.slice(0, 80))`)) as string[];
        missed.push(...left.map((l) => `${name}: not reachable: ${l}`));
      }
    }
    expect(missed).toEqual([]);
  });

  it('logged no errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
