/**
 * The renderer runs under the CSP it ships with (the test build differs only by the bridge's
 * WebSocket allowance): every page renders without a single violation, and inline code really is
 * refused, so the strict policy is enforced, not just declared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererCsp } from '../renderer-csp';
import { startBrowserSession, type BrowserSession } from './session';

let s: BrowserSession;

describe('renderer under its Content-Security-Policy (Chromium)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    s = await startBrowserSession({ accounts: [], login: false });
    // Strings: these run in the page, and the Node typecheck has no DOM types.
    await s.page.addInitScript({
      content: `window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
    });
    await s.page.reload();
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  const violations = (): Promise<string[]> => s.page.evaluate('window.__cspViolations');

  it('renders every page with no violation', async () => {
    const meta = await s.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(meta).toBe(rendererCsp('browser-test'));
    const nav = s.page.getByRole('navigation', { name: 'Main' }).getByRole('button');
    await nav.first().waitFor();
    const count = await nav.count();
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i++) {
      await nav.nth(i).click();
      await s.page.locator('main h1, main h2').first().waitFor();
    }
    expect(await violations()).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('refuses inline scripts and inline style elements', async () => {
    const ran = await s.page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      const style = document.createElement('style');
      style.textContent = 'body { outline: 7px solid red }';
      document.head.append(style);
      return window.__inlineRan === true;
    })()`);
    expect(ran).toBe(false);
    await expect
      .poll(violations, { timeout: 5_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^script-src/),
          expect.stringMatching(/^style-src/),
        ]),
      );
    expect(await s.page.evaluate('getComputedStyle(document.body).outlineWidth')).not.toBe('7px');
    // The console errors those refusals print are expected here, not a page fault.
    s.pageErrors.length = 0;
  });
});
