/**
 * Screenshots of one state of the request inspector in both languages, light and dark (issue 16,
 * following issue 15's matrix): each variant checked by axe-core (WCAG 2.1 AA, colour contrast
 * included) and, in Chinese, for English left on the page. Returns the problems found.
 */
import type { Language } from '../../electron/shared/i18n';
import type { BrowserSession } from './session';
import { axeProblems, englishLeftOver, LATIN_OK, WAIT } from './ui';
import { expect } from 'vitest';

/** Sets the UI language through the core, as Settings would, and waits for the page. */
export async function setLanguage(s: BrowserSession, lang: Language): Promise<void> {
  await s.harness.core.updateSettings({ app: { language: lang } });
  await expect.poll(() => s.page.locator('html').getAttribute('lang'), WAIT).toBe(lang);
}

/**
 * Shoots `name` as `<name>-<lang>-<theme>.png` for en/zh-CN × light/dark; `prepare` runs in each
 * variant first (after the language switch, which re-renders the page) and may wait for content.
 * Ends in English, light.
 */
export async function shootMatrix(
  s: BrowserSession,
  name: string,
  prepare: () => Promise<void> = async () => undefined,
  allowed: RegExp = LATIN_OK,
): Promise<string[]> {
  const problems: string[] = [];
  for (const lang of ['en', 'zh-CN'] as const) {
    await setLanguage(s, lang);
    for (const theme of ['light', 'dark'] as const) {
      await s.page.emulateMedia({ colorScheme: theme });
      await prepare();
      await s.screenshot(`${name}-${lang}-${theme}`);
      for (const p of await axeProblems(s.page)) problems.push(`${name} ${lang}/${theme}: ${p}`);
      if (lang === 'zh-CN' && theme === 'light') {
        for (const t of await englishLeftOver(s.page, allowed)) {
          problems.push(`${name}: English left: "${t}"`);
        }
      }
    }
  }
  await s.page.emulateMedia({ colorScheme: 'light' });
  await setLanguage(s, 'en');
  return problems;
}

/**
 * Records the page's CSP violations from the next load on (reloads the page): the charts and the
 * Markdown must render under the shipped policy without a single one.
 */
export async function watchCsp(s: BrowserSession): Promise<() => Promise<string[]>> {
  await s.page.addInitScript({
    content: `window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  await s.page.reload();
  await s.page.locator('main h1').waitFor();
  return () => s.page.evaluate('window.__cspViolations') as Promise<string[]>;
}
