/**
 * Issue 16, item 4, in real Chromium against the real core: the Usage charts (requests, errors,
 * tokens, latency p50/p95) with axes, values, totals and hover detail, split by client or key,
 * updating live as requests arrive; today's bar per account with Lingma's quota report; the live
 * sparkline on the dashboard. Screenshots in both languages, light and dark, checked by axe.
 */
import OpenAI from 'openai';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shootMatrix, watchCsp } from './inspector-shots';
import { startBrowserSession, type BrowserSession } from './session';
import { nav, WAIT } from './ui';

let s: BrowserSession;
let csp: () => Promise<string[]>;
let client: OpenAI;

const chart = (metric: string): Locator => s.page.getByTestId(`chart-${metric}`);
const total = (metric: string) => s.page.getByTestId(`chart-${metric}-total`).textContent();

async function ask(content: string): Promise<void> {
  await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content }] });
}

describe('usage charts (Chromium, real core)', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    s = await startBrowserSession({
      accounts: ['alpha'],
      scenario: {
        rules: [
          {
            match: 'use up the quota',
            finish: {
              statusCode: 429,
              reason: 'quota exceeded',
              extra: { quotaResetTime: Date.now() + 3_600_000 },
            },
          },
        ],
      },
    });
    csp = await watchCsp(s);
    client = new OpenAI({
      baseURL: `${s.harness.baseUrl}/v1`,
      apiKey: s.harness.apiKey,
      maxRetries: 0,
    });
    for (let i = 0; i < 3; i++) await ask(`hello ${i}`);
    // One refused request from another client: an error, under its key hint.
    const r = await fetch(`${s.harness.baseUrl}/v1/models`, {
      headers: {
        authorization: 'Bearer lgw-9zNotAKeyNotAKeyNotAKeyNotAKeyNotAKey00',
        'user-agent': 'curl/8.5.0',
      },
    });
    expect(r.status).toBe(401);
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('the dashboard shows a live sparkline of the last hour', async () => {
    const spark = s.page.getByTestId('sparkline').locator('[role="img"]');
    await expect.poll(() => spark.getAttribute('data-total'), WAIT).toBe('4');
    expect(await spark.getAttribute('data-errors')).toBe('1');
    expect(await spark.getAttribute('aria-label')).toContain(
      '4 requests in the last hour, 1 failed',
    );
    await ask('one more');
    await expect.poll(() => spark.getAttribute('data-total'), WAIT).toBe('5');
    const problems = await shootMatrix(s, '16-4-sparkline', async () => {
      await s.page.getByTestId('sparkline').locator('svg').waitFor();
    });
    expect(problems).toEqual([]);
  });

  it('charts with axes, totals and hover detail, split by client and by key', async () => {
    const { page } = s;
    await nav(page, 'Usage').click();
    await page.getByRole('heading', { name: 'Usage' }).waitFor();
    await expect.poll(() => total('requests'), WAIT).toBe('Total 5');
    expect(await total('errors')).toBe('Total 1');
    await chart('requests').locator('.recharts-bar-rectangle').first().waitFor();
    const stats = await s.harness.api.logsStats({
      since: Date.now() - 86_400_000,
      bucketMs: 1_800_000,
      split: 'none',
    });
    expect(stats.totals.requests).toBe(5);
    // Axes with values, bars drawn.
    expect(
      await chart('requests').locator('.recharts-xAxis .recharts-cartesian-axis-tick').count(),
    ).toBeGreaterThan(1);
    expect(
      await chart('requests').locator('.recharts-yAxis .recharts-cartesian-axis-tick').count(),
    ).toBeGreaterThan(1);
    expect(await chart('requests').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await chart('latency').locator('.recharts-line').count()).toBeGreaterThan(0);
    // Split by client: the SDK and curl are separate series with their totals.
    await page.getByRole('combobox', { name: 'Split by' }).selectOption('client');
    const legend = chart('requests').locator('.legend li');
    await expect
      .poll(() => legend.allTextContents(), WAIT)
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^OpenAI SDK \(JS\)\s*4$/),
          expect.stringMatching(/^curl\s*1$/),
        ]),
      );
    await page.getByRole('combobox', { name: 'Split by' }).selectOption('key');
    await expect
      .poll(() => legend.allTextContents(), WAIT)
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^default\s*4$/),
          expect.stringMatching(/^lgw-9z…\s*1$/),
        ]),
      );
    // Hover: the tooltip names every series at that bucket.
    const bar = chart('requests').locator('.recharts-bar-rectangle').last();
    await bar.hover();
    const tip = chart('requests').locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tip.textContent(), WAIT).toMatch(/default.*4/);
    const problems = await shootMatrix(s, '16-4-usage', async () => {
      await chart('requests').locator('.recharts-bar-rectangle').first().waitFor();
    });
    expect(problems).toEqual([]);
  });

  it('updates live as requests arrive', async () => {
    await expect.poll(() => total('requests'), WAIT).toBe('Total 5');
    await ask('live one');
    await ask('live two');
    await expect.poll(() => total('requests'), WAIT).toBe('Total 7');
  });

  it("today's bar per account says when Lingma reported the quota used up", async () => {
    await expect(ask('please use up the quota')).rejects.toMatchObject({ status: 429 });
    const row = s.page.getByTestId('usage-accounts').locator('li[data-account="alpha"]');
    await expect.poll(() => row.getByTestId('quota-exhausted').count(), WAIT).toBe(1);
    expect(await row.getByTestId('quota-exhausted').textContent()).toMatch(/^Quota used up at \d/);
    const bar = row.locator('.quota-bar');
    await expect.poll(() => bar.getAttribute('data-requests'), WAIT).toBe('7');
    expect(await bar.getAttribute('data-errors')).toBe('1');
    expect(await row.getByTestId('quota-figures').textContent()).toBe('7 requests · 1 failed');
    const problems = await shootMatrix(s, '16-4-accounts', async () => {
      await row.getByTestId('quota-exhausted').waitFor();
    });
    expect(problems).toEqual([]);
  });

  it('logged no errors and no CSP violation in the page', async () => {
    expect(await csp()).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
