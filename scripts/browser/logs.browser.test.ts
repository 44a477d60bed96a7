/**
 * The request log in real Chromium against the real core (issue "Request log", browser test):
 * requests sent through the gateway by the OpenAI SDK appear live, the filters agree with the
 * core's own query, and a tool-call entry shows its client call (in the conversation) and Lingma's
 * tool-event timeline (under Timing).
 */
import OpenAI from 'openai';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogQueryDto } from '../../electron/shared/dto';
import { LIST_FILES_RULE } from './inspector-support';
import { startBrowserSession, type BrowserSession } from './session';

const WAIT = { timeout: 15_000, interval: 100 };
const CALL = '```tool_call\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n```';
const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

let s: BrowserSession;
let client: OpenAI;

const rows = (): Locator => s.page.getByTestId('log-row');
const detail = (): Locator => s.page.getByTestId('log-detail');

/** The id of the newest entry in the core's log (the request just sent). */
async function newestId(): Promise<string> {
  const [entry] = (await s.harness.core.queryLogs({ limit: 1 })).entries;
  if (!entry) throw new Error('the log is empty');
  return entry.id;
}

async function coreCount(q: LogQueryDto): Promise<number> {
  return (await s.harness.core.queryLogs({ ...q, limit: 1000 })).entries.length;
}

async function openEntry(id: string): Promise<void> {
  await s.page.getByLabel('Search requests').fill(id);
  await expect.poll(() => rows().count(), WAIT).toBe(1);
  await rows().first().click();
  await expect.poll(() => detail().getByRole('heading').first().textContent(), WAIT).toContain(id);
}

const ask = (content: string, model = 'auto') =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content }] });

describe('request log (Chromium, real core)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    s = await startBrowserSession({
      accounts: ['alpha'],
      // Lingma's own tool asks for approval; the gateway grants it so the timeline runs to the end.
      settings: { tools: { upstreamApproval: 'auto-approve' } },
      scenario: {
        rules: [
          { match: 'weather', answer: `Let me look.\n${CALL}` },
          LIST_FILES_RULE,
          { match: 'slowly', answer: 'Took a while.', faults: { firstDeltaDelayMs: 1_500 } },
          { match: 'explode', finish: { statusCode: 500, reason: 'simulated upstream failure' } },
        ],
      },
    });
    client = new OpenAI({
      baseURL: `${s.harness.baseUrl}/v1`,
      apiKey: s.harness.apiKey,
      maxRetries: 0,
    });
    await s.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Requests' })
      .click();
    await s.page.getByRole('heading', { name: 'Requests' }).waitFor();
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('shows requests live while they run, without a reload', async () => {
    const { page } = s;
    await expect.poll(() => page.getByText('No requests yet').isVisible(), WAIT).toBe(true);
    // Marks the document: a reload would drop it.
    await page.evaluate("document.body.setAttribute('data-no-reload', 'yes')");

    await ask('hello there');
    await expect.poll(() => rows().count(), WAIT).toBe(1);
    await expect
      .poll(() => rows().first().locator('[data-col="status"]').textContent(), WAIT)
      .toBe('200');

    // A slow streamed request shows up while it is still running, then finishes in place.
    const stream = client.chat.completions.create({
      model: 'auto',
      stream: true,
      messages: [{ role: 'user', content: 'answer slowly' }],
    });
    await expect.poll(() => rows().count(), WAIT).toBe(2);
    expect(await rows().first().locator('[data-col="status"]').textContent()).toBe('…');
    let text = '';
    for await (const chunk of await stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Took a while.');
    await expect
      .poll(() => rows().first().locator('[data-col="status"]').textContent(), WAIT)
      .toBe('200');
    expect(await page.locator('body').getAttribute('data-no-reload')).toBe('yes');
  });

  it('pauses and resumes the live tail', async () => {
    const { page } = s;
    const resume = page.getByRole('button', { name: /^Resume/ });
    await page.getByRole('button', { name: 'Pause' }).click();
    // Slow enough that its start and its finish reach the page in separate pushes.
    const stream = await client.chat.completions.create({
      model: 'auto',
      stream: true,
      messages: [{ role: 'user', content: 'answer slowly while paused' }],
    });
    for await (const _chunk of stream);
    await expect.poll(() => resume.textContent(), WAIT).toBe('Resume (1 new)');
    // The finish push (≤ 100 ms batches) has landed by now and is not a second "new" request.
    await page.waitForTimeout(400);
    expect(await resume.textContent()).toBe('Resume (1 new)');
    expect(await rows().count()).toBe(2);
    await resume.click();
    await expect.poll(() => rows().count(), WAIT).toBe(3);
    expect(await rows().first().locator('[data-col="status"]').textContent()).toBe('200');
  });

  it('filters by text and status as the core does', async () => {
    const { page } = s;
    await expect(ask('please explode')).rejects.toMatchObject({ status: 502 });
    const failedId = await newestId();
    await expect.poll(() => rows().count(), WAIT).toBe(4);

    const status = page.getByRole('combobox', { name: 'Status', exact: true });
    await status.selectOption('error');
    await expect.poll(() => rows().count(), WAIT).toBe(await coreCount({ status: 'error' }));
    expect(await rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('502');

    await status.selectOption('ok');
    await expect.poll(() => rows().count(), WAIT).toBe(await coreCount({ status: 'ok' }));
    expect(await rows().count()).toBe(3);
    await status.selectOption('');

    const search = page.getByLabel('Search requests');
    await search.fill('simulated upstream failure');
    await expect.poll(() => rows().count(), WAIT).toBe(1);
    await search.fill(failedId);
    await expect.poll(() => rows().count(), WAIT).toBe(1);
    await rows().first().click();
    await expect.poll(() => detail().textContent(), WAIT).toContain('simulated upstream failure');
    await search.fill('no such request anywhere');
    await expect.poll(() => rows().count(), WAIT).toBe(0);
    expect(await page.getByText('No request matches these filters.').isVisible()).toBe(true);
    await search.fill('');
    await expect.poll(() => rows().count(), WAIT).toBe(4);
  });

  it('shows the client tool call of an emulated function call', async () => {
    const { page } = s;
    const res = await client.chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    });
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    const id = await newestId();
    await expect.poll(() => rows().count(), WAIT).toBe(5);

    await page.locator('.filters').getByLabel('Tool calls').check();
    await expect.poll(() => rows().count(), WAIT).toBe(await coreCount({ hasToolCalls: true }));
    expect(await rows().count()).toBe(1);
    await page.locator('.filters').getByLabel('Tool calls').uncheck();

    await openEntry(id);
    // The conversation shows the call the client received, with its id and arguments.
    const calls = detail().getByTestId('conv-tool-call');
    await calls.first().waitFor();
    expect(await calls.count()).toBe(1);
    const call = (await calls.textContent()) ?? '';
    expect(call).toContain('get_weather');
    expect(call).toContain(res.choices[0]?.message.tool_calls?.[0]?.id ?? 'missing id');
    expect(call).toContain('"city": "Paris"');
    await detail().getByRole('tab', { name: 'Timing' }).click();
    await detail().getByTestId('waterfall').waitFor();
    expect(await detail().getByTestId('upstream-tools').count()).toBe(0);
  });

  it("shows Lingma's own tool call with its PENDING → RUNNING → FINISHED timeline", async () => {
    const res = await ask('please list the files', 'lingma-agent');
    expect(res.choices[0]?.message.content).toContain('Done.');
    const id = await newestId();
    await openEntry(id);
    await detail().getByRole('tab', { name: 'Timing' }).click();
    const upstream = detail().getByTestId('upstream-tools');
    await upstream.waitFor();
    expect(await upstream.textContent()).toContain('run_in_terminal');
    expect(await upstream.textContent()).toContain('tc-ls');
    const statuses = await upstream
      .locator('li[data-status]')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-status')));
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'FINISHED']);
    // The gateway's approval sits between PENDING and RUNNING.
    const steps = await upstream.locator('ol.timeline > li').allTextContents();
    expect(steps.findIndex((t) => /approved/.test(t))).toBe(1);
    await s.screenshot('10-requests-tool-timeline');
  });

  it('logged no errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
