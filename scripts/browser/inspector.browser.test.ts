/**
 * Issue 16 in real Chromium against the real core: refused requests in the Requests grid with
 * client, key hint and an explanation (item 1); a request's conversation with safe Markdown,
 * folded reasoning, its timing waterfall and the raw view with search and copy (item 2); the grid
 * filling the window at the smallest size, columns chosen by the user, the resizable detail, and
 * keyboard and screen-reader access (item 3). Screenshots of each in both languages, light and
 * dark, checked by axe.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shootMatrix, watchCsp } from './inspector-shots';
import {
  LIST_FILES_RULE,
  MARKDOWN,
  newestLogId,
  openLogEntry,
  postJson,
} from './inspector-support';
import { startBrowserSession, type BrowserSession } from './session';
import { nav, WAIT } from './ui';

let s: BrowserSession;
let csp: () => Promise<string[]>;
const WRONG = 'lgw-3fWrongWrongWrongWrongWrongWrongWrongWr';
const rows = (): Locator => s.page.getByTestId('log-row');
const detail = (): Locator => s.page.getByTestId('log-detail');
const grid = (): Locator => s.page.getByRole('grid');
const cell = (row: Locator, col: string): Locator => row.locator(`[data-col="${col}"]`);
const post = (path: string, headers: Record<string, string>, body: unknown) =>
  postJson(s, path, headers, body);
const openEntry = (id: string) => openLogEntry(s, id);
const newestId = (q: { origin?: 'refused' | 'served' } = {}) => newestLogId(s, q);

describe('request inspector (Chromium, real core)', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    s = await startBrowserSession({
      accounts: ['alpha'],
      settings: { tools: { upstreamApproval: 'auto-approve' } },
      scenario: {
        rules: [
          { match: 'markdown', answer: MARKDOWN, think: 'Thinking about markdown.' },
          LIST_FILES_RULE,
        ],
      },
    });
    csp = await watchCsp(s);
    await nav(s.page, 'Requests').click();
    await s.page.getByRole('heading', { name: 'Requests' }).waitFor();
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('item 1: refused requests show with client, key hint and what to do', async () => {
    const claude = { 'user-agent': 'claude-cli/2.1.332 (external, sdk-cli)' };
    const body = {
      model: 'claude-sonnet-4',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    };
    expect(await post('/v1/messages', { ...claude, 'x-api-key': WRONG }, body)).toBe(401);
    expect(await post('/v1/messages', { 'user-agent': 'curl/8.5.0' }, body)).toBe(401);
    expect(
      await post('/chat/completions', { authorization: `Bearer ${s.harness.apiKey}` }, body),
    ).toBe(404);
    await expect.poll(() => rows().count(), WAIT).toBe(3);
    const wrong = rows().filter({ hasText: 'Claude Code' });
    expect(await cell(wrong, 'status').textContent()).toBe('401');
    expect(await cell(wrong, 'client').textContent()).toBe('Claude Code 2.1.332');
    expect(await cell(wrong, 'key').textContent()).toBe('lgw-3f…');
    expect(await cell(wrong, 'model').textContent()).toBe('claude-sonnet-4');
    await wrong.click();
    const explain = detail().getByTestId('log-explain');
    await expect
      .poll(() => explain.textContent(), WAIT)
      .toContain('Wrong API key: the key starts with lgw-3f…, and this gateway has no such key.');
    expect(await explain.textContent()).toContain('Copy a current key from the dashboard');
    // The key itself is nowhere on the page.
    expect(await s.page.content()).not.toContain(WRONG.slice(0, 12));
    // The filter agrees with the core.
    await s.page.getByLabel('Answered by').selectOption('refused');
    const refused = (await s.harness.core.queryLogs({ origin: 'refused', limit: 100 })).total;
    await expect.poll(() => rows().count(), WAIT).toBe(refused);
    const notFound = rows().filter({ hasText: '404' });
    await notFound.click();
    await expect
      .poll(() => explain.textContent(), WAIT)
      .toContain('has no route POST /chat/completions');
    expect(await s.page.evaluate('window.__pwned')).toBeUndefined();
    await wrong.click();
    const problems = await shootMatrix(s, '16-1-refused', async () => {
      await explain.waitFor();
    });
    await s.page.getByLabel('Answered by').selectOption('');
    expect(problems).toEqual([]);
  });

  it('item 2: a request as a conversation, with safe Markdown and folded reasoning', async () => {
    const client = new Anthropic({
      baseURL: s.harness.baseUrl,
      apiKey: s.harness.apiKey,
      maxRetries: 0,
    });
    const res = await client.messages.create({
      model: 'claude-sonnet-4',
      max_tokens: 200,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'show me markdown' }],
    });
    expect(res.content.some((b) => b.type === 'text')).toBe(true);
    await openEntry(await newestId({ origin: 'served' }));
    const messages = detail().getByTestId('conv-message');
    await expect.poll(() => messages.count(), WAIT).toBe(3);
    expect(
      await messages.evaluateAll((els) => els.map((e) => e.getAttribute('data-role'))),
    ).toEqual(['system', 'user', 'assistant']);
    const answer = messages.nth(2);
    expect(await answer.locator('pre code').textContent()).toContain('console.log(1)');
    expect(await answer.locator('strong').first().textContent()).toBe('bold');
    expect(await answer.locator('li').count()).toBe(2);
    // Nothing from the body runs or loads: no script, no image, no javascript: link.
    expect(await detail().locator('script, img, iframe').count()).toBe(0);
    expect(await detail().locator('a[href^="javascript"]').count()).toBe(0);
    // An http(s) link opens in the system browser, never in the app window.
    await answer.locator('a[href="https://example.com/docs"]').click();
    await expect.poll(() => s.platform.external.at(-1), WAIT).toBe('https://example.com/docs');
    expect(s.page.url()).toContain('index.html');
    // Reasoning is there, folded.
    const reasoning = answer.locator('details.reasoning');
    expect(await reasoning.getAttribute('open')).toBeNull();
    await reasoning.locator('summary').click();
    expect(await reasoning.textContent()).toContain('Thinking about markdown.');
    expect(await s.page.evaluate('window.__pwned')).toBeUndefined();
    const problems = await shootMatrix(s, '16-2-conversation', async () => {
      await detail().getByTestId('conv-message').nth(2).waitFor();
    });
    expect(problems).toEqual([]);
  });

  it('item 2: the timing waterfall, with tool spans and their durations', async () => {
    const r = await post(
      '/v1/chat/completions',
      { authorization: `Bearer ${s.harness.apiKey}` },
      { model: 'lingma-agent', messages: [{ role: 'user', content: 'please list the files' }] },
    );
    expect(r).toBe(200);
    await openEntry(await newestId({ origin: 'served' }));
    await detail().getByRole('tab', { name: 'Timing' }).click();
    const wf = detail().getByTestId('waterfall');
    await wf.waitFor();
    const kinds = await wf
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['wait', 'answer', 'tool']));
    const tool = wf.locator('tr[data-kind="tool"]');
    expect(await tool.locator('th').textContent()).toContain('run_in_terminal');
    expect(await tool.locator('td').nth(1).textContent()).toMatch(/^\d+ ms$/);
    const steps = detail().getByTestId('upstream-tools');
    const statuses = await steps
      .locator('li[data-status]')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-status')));
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'FINISHED']);
    // Steps say when, in ms since the request arrived, and how long after the previous one.
    expect(await steps.locator('ol.timeline > li').nth(2).textContent()).toMatch(
      /^\+\d+ ms .* \(\d+ ms later\)$/,
    );
    const problems = await shootMatrix(s, '16-2-waterfall', async () => {
      await detail().getByRole('tab', { selected: true }).waitFor();
      await detail().getByTestId('waterfall').waitFor();
    });
    expect(problems).toEqual([]);
  });

  it('item 2: the raw request and response, searchable and copyable', async () => {
    await openEntry(await newestId({ origin: 'served' }));
    const tab = detail().getByRole('tab', { name: 'Raw' });
    await tab.click();
    const search = detail().getByLabel('Search in the raw text');
    await search.fill('list the files');
    await expect.poll(() => detail().locator('pre mark').count(), WAIT).toBe(1);
    expect(await detail().getByText('1 match').isVisible()).toBe(true);
    await detail().getByLabel('Show').selectOption('response');
    await search.fill('Done');
    await expect.poll(() => detail().locator('pre mark').count(), WAIT).toBeGreaterThan(0);
    const before = s.platform.clipboard.length;
    await detail().getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => s.platform.clipboard.length, WAIT).toBe(before + 1);
    expect(s.platform.clipboard.at(-1)).toContain('Done.');
    const problems = await shootMatrix(s, '16-2-raw', async () => {
      await detail().locator('pre.raw-text').waitFor();
    });
    expect(problems).toEqual([]);
  });

  it('item 3: keyboard — one Tab stop, arrows, Enter opens, Escape closes', async () => {
    const { page } = s;
    await page.getByLabel('Search requests').fill('');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => detail().count(), WAIT).toBe(0);
    const total = await rows().count();
    expect(total).toBeGreaterThan(4);
    // Grid semantics: rows and cells with their indexes, headers for the columns.
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(total + 1));
    expect(await grid().getByRole('columnheader').first().textContent()).toBe('Time');
    expect(await rows().first().getAttribute('aria-rowindex')).toBe('2');
    await grid().focus();
    const active = (): Promise<[string, string] | null> =>
      page.evaluate(
        `(() => { const id = document.querySelector('[role=grid]').getAttribute('aria-activedescendant');
          const el = id && document.getElementById(id); return el ? [el.closest('[role=row]').getAttribute('aria-rowindex'), el.getAttribute('data-col')] : null; })()`,
      );
    expect(await active()).toEqual(['2', 'time']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await active()).toEqual(['4', 'status']);
    await page.keyboard.press('End');
    expect((await active())?.[0]).toBe('4');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await detail().waitFor();
    const third = await rows().nth(2).getAttribute('data-id');
    await expect.poll(() => detail().locator('h2').textContent(), WAIT).toContain(third ?? '?');
    // With the detail open, arrows take it along.
    await page.keyboard.press('ArrowUp');
    const second = await rows().nth(1).getAttribute('data-id');
    await expect.poll(() => detail().locator('h2').textContent(), WAIT).toContain(second ?? '?');
    await page.keyboard.press('Escape');
    await expect.poll(() => detail().count(), WAIT).toBe(0);
    expect(await page.evaluate('document.activeElement.getAttribute("role")')).toBe('grid');
    // Rows are not Tab stops: one Tab leaves the grid.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.closest("[role=grid]") === null')).toBe(
      true,
    );
  });

  it('item 3: fills the window at its smallest, columns chosen by the user, detail resizable', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 820, height: 560 });
    const box = await grid().boundingBox();
    expect(box && box.y + box.height).toBeGreaterThan(560 - 40);
    // Status and duration stay in view at the smallest window.
    for (const col of ['status', 'duration']) {
      const c = await rows().first().locator(`[data-col="${col}"]`).boundingBox();
      expect(c && box && c.x + c.width <= box.x + box.width).toBe(true);
    }
    const columns = page.locator('summary', { hasText: 'Columns' });
    await columns.click();
    const menu = page.locator('.column-menu');
    await menu.getByLabel('Session').check();
    await menu.getByLabel('Account').uncheck();
    await expect
      .poll(() => grid().getByRole('columnheader', { name: 'Session' }).count(), WAIT)
      .toBe(1);
    expect(await grid().getByRole('columnheader', { name: 'Account' }).count()).toBe(0);
    await columns.click();
    await rows().first().click();
    const handle = page.getByRole('separator', { name: 'Resize the request detail' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Stacked at this width: up makes the detail taller.
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(before + 8);
    await s.screenshot('16-3-smallest-window');
    await page.reload();
    await nav(page, 'Requests').click();
    await expect
      .poll(() => grid().getByRole('columnheader', { name: 'Session' }).count(), WAIT)
      .toBe(1);
    await page.setViewportSize({ width: 1200, height: 820 });
    await rows().first().click();
    const problems = await shootMatrix(s, '16-3-grid', async () => {
      await detail().waitFor();
    });
    expect(problems).toEqual([]);
  });

  it('logged no errors and no CSP violation in the page', async () => {
    expect(await csp()).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
