/**
 * What the request-inspector browser tests share (issue 16): a Markdown answer full of things
 * that must not run or load, a raw JSON POST, and opening a log entry the way a user does.
 */
import { expect } from 'vitest';
import type { BrowserSession } from './session';
import { WAIT } from './ui';

/** Markdown worth rendering, plus HTML, a `javascript:` link and an image that must stay inert. */
export const MARKDOWN =
  'Here is **bold** text:\n\n```js\nconsole.log(1)\n```\n\n- one\n- two\n\n' +
  'Inline <img src="x" onerror="window.__pwned = 2"> html, ' +
  '[a link](javascript:window.__pwned=3) and [docs](https://example.com/docs)\n\n' +
  '<script>window.__pwned = 1</script>';

/** Lingma's own tool (approved by the gateway), for a timeline PENDING → RUNNING → FINISHED. */
export const LIST_FILES_RULE = {
  match: 'list the files',
  steps: [
    { say: 'Listing.' },
    {
      tool: {
        name: 'run_in_terminal',
        toolCallId: 'tc-ls',
        parameters: { command: 'ls' },
        needsApproval: true,
        results: [{ content: 'a.txt' }],
      },
    },
    { say: 'Done.' },
  ],
};

/** POSTs JSON to the gateway; returns the status. */
export async function postJson(
  s: BrowserSession,
  path: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<number> {
  const r = await fetch(`${s.harness.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await r.arrayBuffer();
  return r.status;
}

/** Opens the entry by id through the search box and a click, as a user would. */
export async function openLogEntry(s: BrowserSession, id: string): Promise<void> {
  const rows = s.page.getByTestId('log-row');
  await s.page.getByLabel('Search requests').fill(id);
  await expect.poll(() => rows.count(), WAIT).toBe(1);
  await rows.first().click();
  await expect
    .poll(() => s.page.getByTestId('log-detail').locator('h2').textContent(), WAIT)
    .toContain(id);
}

/** The newest entry's id in the core's own log. */
export async function newestLogId(
  s: BrowserSession,
  q: { origin?: 'refused' | 'served' } = {},
): Promise<string> {
  const [entry] = (await s.harness.core.queryLogs({ ...q, limit: 1 })).entries;
  if (!entry) throw new Error('the log is empty');
  return entry.id;
}
