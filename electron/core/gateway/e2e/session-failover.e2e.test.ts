import OpenAI from 'openai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';
import { simAsks } from './support/sim-asks';

// When the instance holding a conversation's Lingma session is gone — crashed between two
// requests, or crashing under the reply — the request is replayed in full on another account
// before its first byte, and the client sees nothing but its answer.

const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    // The reply on the holding instance crashes it after its first delta. The replay of the
    // whole transcript on the other account does not match: there the call is rendered with
    // its id, while this pattern is the model's own call as the crashed session held it.
    {
      match:
        '\\{"name":"get_weather","arguments":\\{"city":"Crashville"\\}\\}[\\s\\S]*CRASH-RESULT',
      regex: true,
      answer: 'never finished',
      faults: { exitAfterDeltas: 1 },
    },
    { match: 'CRASH-RESULT', answer: 'Recovered on another account.' },
    { match: 'crash-task', answer: call('get_weather', { city: 'Crashville' }) },
    { match: 'gone-result', answer: 'Answered after the restart.' },
    { match: 'gone-task', answer: call('get_weather', { city: 'Gone' }) },
  ],
};

const WEATHER: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

let h: Harness;
let openai: OpenAI;

beforeAll(async () => {
  h = await startHarness({
    accounts: ['alpha', 'beta'],
    scenario: SCENARIO,
    // fill-first: a conversation starts on alpha, so "another account" is beta.
    settings: { routing: { strategy: 'fill-first' } },
  });
  openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pid of an account's Lingma child, from the supervisor's pid registry (none mid-restart). */
function childPid(accountId: string): number | undefined {
  const dir = join(h.dataDir, 'run');
  const file = readdirSync(dir).find(
    (f) => f.includes(accountId) && f.endsWith('.json') && !f.includes('#'),
  );
  if (!file) return undefined;
  try {
    return (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined; // being rewritten
  }
}

/** A call, then the messages that send its result back. */
async function firstRoundTrip(task: string, result: string) {
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: task }];
  const first = await openai.chat.completions.create({ model: 'auto', messages, tools: [WEATHER] });
  const assistant = first.choices[0]?.message as OpenAI.ChatCompletionMessage;
  messages.push(assistant, {
    role: 'tool',
    tool_call_id: assistant.tool_calls?.[0]?.id ?? '',
    content: result,
  });
  return messages;
}

describe('when the instance holding the session is gone', () => {
  it('crashed between two requests: the next one is a replay, and the log says why', async () => {
    const messages = await firstRoundTrip('gone-task: go', 'gone-result');
    const alpha = h.accountIds[0] as string;
    const pid = childPid(alpha) as number;
    process.kill(pid, 'SIGKILL');
    // The child is restarted at once; its sessions died with it.
    await until(() => ![undefined, pid].includes(childPid(alpha)));
    await until(() => h.core.listAccounts().every((a) => a.state === 'ready'));
    const r = await openai.chat.completions.create(
      { model: 'auto', messages, tools: [WEATHER] },
      { headers: { 'x-request-id': 'gone-1' } },
    );
    expect(r.choices[0]?.message.content).toBe('Answered after the restart.');
    const entry = await h.core.getLog('gone-1');
    expect(entry).toMatchObject({ sessionKind: 'replay', status: 200 });
    expect(entry?.notes).toContain(
      `session replay: its Lingma session is gone (instance ${String(entry?.instanceId)} restarted)`,
    );
    const last = h.accountIds
      .flatMap((a) => simAsks(h.workDir(a)))
      .find((a) => a.questionText.includes('gone-result'));
    expect(last).toMatchObject({ isReply: false, continued: false });
    expect(last?.questionText).toContain('gone-task: go');
  });

  it('crashing under the reply, before the first byte: replayed in a new session', async () => {
    const messages = await firstRoundTrip('crash-task: go', 'CRASH-RESULT');
    const r = await openai.chat.completions.create(
      { model: 'auto', messages, tools: [WEATHER], stream: false },
      { headers: { 'x-request-id': 'crash-1' } },
    );
    expect(r.choices[0]?.message.content).toBe('Recovered on another account.');
    const entry = await h.core.getLog('crash-1');
    expect(entry).toMatchObject({ sessionKind: 'replay', status: 200 });
    expect((entry?.notes as string[]).join('\n')).toMatch(
      /session replay: the reply on instance \S+ failed/,
    );
    // The reply went to the session on alpha, which died under it; the whole transcript then went
    // into a new session — on beta, or on alpha's fresh child if it was back first (the pool
    // avoids a dead child only until its instance restarts).
    const asked = h.accountIds
      .flatMap((a) => simAsks(h.workDir(a)))
      .filter((a) => a.questionText.includes('CRASH-RESULT'));
    expect(asked.map((a) => [a.isReply, a.continued])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect(asked[1]?.questionText).toContain('crash-task: go');
    await until(() => h.core.listAccounts().every((a) => a.state === 'ready'));
  });
});
