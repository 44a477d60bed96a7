import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry, UpstreamToolRecord } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';

// Lingma's own agent uses tools: the simulator pushes tool/call/sync (with an approval step) and
// tool/invoke (sync and async). Without client tools they are bridged into the client's protocol;
// with client tools they only reach the request log. The approval policy is switched per test.

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    {
      match: 'up-sync',
      steps: [
        { say: 'Running.' },
        {
          tool: {
            name: 'run_in_terminal',
            parameters: { command: 'ls' },
            needsApproval: true,
            results: [{ content: 'a.txt' }],
          },
        },
        { say: 'Done.' },
      ],
    },
    {
      match: 'up-invoke',
      steps: [
        // The simulator defaults to async:true (CLAW calls the sync path deprecated): the sync
        // case is asked for explicitly.
        { invoke: { name: 'read_file', parameters: { filePath: '/tmp/a' }, async: false } },
        { invoke: { name: 'get_errors', parameters: { filePath: '/tmp/a' }, async: true } },
        { say: 'Read.' },
      ],
    },
  ],
};

const CLIENT_TOOLS: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: { name: 'noop', parameters: { type: 'object', properties: {} } },
  },
];

let h: Harness;
let openai: OpenAI;
let anthropic: Anthropic;
let seq = 0;

function workLog(file: string): string {
  return readFileSync(join(h.workDir(h.accountIds[0] as string), 'logs', file), 'utf8');
}

/** The client's side of tool events as the simulator recorded it. */
function simEvents(toolCallId: string): Array<Record<string, unknown>> {
  return workLog('sim-events.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter(
      (e) =>
        e.toolCallId === toolCallId ||
        (e.params as { toolCallId?: string } | undefined)?.toolCallId === toolCallId,
    );
}

function headers(): { id: string; headers: Record<string, string> } {
  const id = `up-tools-${(seq += 1)}`;
  return { id, headers: { 'x-request-id': id } };
}

async function upstreamTools(id: string): Promise<UpstreamToolRecord[]> {
  const entry = (await h.core.getLog(id)) as unknown as LogEntry | null;
  return entry?.upstreamTools ?? [];
}

/** The statuses a call went through, and its approval steps, from the request log. */
function history(rec: UpstreamToolRecord | undefined): {
  statuses: string[];
  approvals: unknown[];
} {
  const steps = rec?.steps ?? [];
  return {
    statuses: steps.flatMap((s) => (s.status ? [s.status] : [])),
    approvals: steps.filter((s) => s.method === 'tool/call/approve').map((s) => s.approval),
  };
}

async function policy(upstreamApproval: 'deny' | 'auto-approve'): Promise<void> {
  await h.core.updateSettings({ tools: { upstreamApproval } });
}

beforeAll(async () => {
  h = await startHarness({ accounts: ['alpha'], scenario: SCENARIO });
  openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: h.baseUrl, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());
beforeEach(() => policy('deny'));

describe('upstream (Lingma agent) tool events', () => {
  it('deny: bridged into OpenAI tool_calls, the approval is refused upstream', async () => {
    const { id, headers: h1 } = headers();
    const r = await openai.chat.completions.create(
      { model: 'lingma-agent', messages: [{ role: 'user', content: 'up-sync please' }] },
      { headers: h1 },
    );
    const calls = r.choices[0]?.message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    const fn = calls[0]?.type === 'function' ? calls[0].function : undefined;
    expect(fn?.name).toBe('run_in_terminal');
    expect(JSON.parse(fn?.arguments ?? '')).toEqual({ command: 'ls' });
    expect(r.choices[0]?.finish_reason).toBe('tool_calls');
    expect(r.choices[0]?.message.content).toContain('Done.');

    const toolCallId = calls[0]?.id ?? '';
    expect(workLog('lingma.log')).toContain(`tool ${toolCallId} (run_in_terminal) approval: false`);
    const logged = await upstreamTools(id);
    expect(logged.map((t) => [t.toolCallId, t.name])).toEqual([[toolCallId, 'run_in_terminal']]);
    expect(logged[0]?.status).toBe('CANCELLED');
    expect(history(logged[0])).toEqual({ statuses: ['PENDING', 'CANCELLED'], approvals: [false] });
  });

  it('deny: Anthropic gets tool_use + an error tool_result and end_turn', async () => {
    const m = await anthropic.messages.create({
      model: 'lingma-agent',
      max_tokens: 512,
      messages: [{ role: 'user', content: 'up-sync again' }],
    });
    const types = m.content.map((b) => b.type as string);
    const use = types.indexOf('tool_use');
    expect(use).toBeGreaterThanOrEqual(0);
    expect(types[use + 1]).toBe('tool_result');
    const result = m.content[use + 1] as unknown as {
      tool_use_id: string;
      is_error: boolean;
      content: string;
    };
    expect(result.tool_use_id).toBe((m.content[use] as Anthropic.ToolUseBlock).id);
    expect(result.is_error).toBe(true);
    expect(result.content).toContain('rejected');
    // The call already has its result: nothing for the client to run.
    expect(m.stop_reason).toBe('end_turn');
  });

  it('auto-approve: the tool runs; streamed Anthropic tool_use + tool_result', async () => {
    await policy('auto-approve');
    const { id, headers: h1 } = headers();
    const m = await anthropic.messages
      .stream(
        {
          model: 'lingma-agent',
          max_tokens: 512,
          messages: [{ role: 'user', content: 'up-sync with approval' }],
        },
        { headers: h1 },
      )
      .finalMessage();
    const blocks = m.content as unknown as Array<Record<string, unknown>>;
    const use = blocks.find((b) => b.type === 'tool_use');
    const result = blocks.find((b) => b.type === 'tool_result');
    expect(use).toMatchObject({ name: 'run_in_terminal', input: { command: 'ls' } });
    expect(result).toMatchObject({ tool_use_id: use?.id, content: 'a.txt', is_error: false });
    expect(m.stop_reason).toBe('end_turn');

    expect(workLog('lingma.log')).toContain(
      `tool ${String(use?.id)} (run_in_terminal) approval: true`,
    );
    const logged = await upstreamTools(id);
    expect(logged[0]?.status).toBe('FINISHED');
    expect(history(logged[0])).toEqual({
      statuses: ['PENDING', 'RUNNING', 'FINISHED'],
      approvals: [true],
    });
  });

  it('with client tools the events are log-only, every status recorded', async () => {
    await policy('auto-approve');
    const { id, headers: h1 } = headers();
    const r = await openai.chat.completions.create(
      {
        model: 'lingma-agent',
        tools: CLIENT_TOOLS,
        messages: [{ role: 'user', content: 'up-sync with my own tools' }],
      },
      { headers: h1 },
    );
    expect(r.choices[0]?.message.tool_calls ?? []).toHaveLength(0);
    expect(r.choices[0]?.finish_reason).toBe('stop');
    const logged = await upstreamTools(id);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.name).toBe('run_in_terminal');
    expect(history(logged[0])).toEqual({
      statuses: ['PENDING', 'RUNNING', 'FINISHED'],
      approvals: [true],
    });
    const entry = (await h.core.getLog(id)) as unknown as LogEntry;
    expect(entry.clientToolCalls).toEqual([]);
  });

  it('answers tool/invoke (sync and async) with a refusal, bridged as errors', async () => {
    const { id, headers: h1 } = headers();
    const r = await openai.chat.completions.create(
      { model: 'lingma-agent', messages: [{ role: 'user', content: 'up-invoke now' }] },
      { headers: h1 },
    );
    const calls = r.choices[0]?.message.tool_calls ?? [];
    const idOf = (name: string): string =>
      calls.find((c) => c.type === 'function' && c.function.name === name)?.id ?? '';
    const [syncId, asyncId] = [idOf('read_file'), idOf('get_errors')];
    expect(calls).toHaveLength(2);

    const syncEvents = simEvents(syncId);
    expect(syncEvents).toMatchObject([
      {
        event: 'tool/invoke/response',
        async: false,
        outcome: { kind: 'result', result: { success: false } },
      },
    ]);
    const asyncEvents = simEvents(asyncId);
    expect(asyncEvents.map((e) => e.event)).toEqual(['tool/invoke/response', 'tool/invokeResult']);
    expect(asyncEvents[1]).toMatchObject({ params: { name: 'get_errors', success: false } });
    expect(workLog('lingma.log')).toContain(`tool/invoke ${syncId} (read_file) answered:`);

    const logged = await upstreamTools(id);
    expect(logged.map((t) => [t.toolCallId, t.name])).toEqual([
      [syncId, 'read_file'],
      [asyncId, 'get_errors'],
    ]);
    const asyncSteps = logged[1]?.steps.map((s) => `${s.method}:${s.direction}`);
    expect(asyncSteps).toEqual(['tool/invoke:in', 'tool/invokeResult:out']);
    // The sync refusal went back as the JSON-RPC reply; the log still shows its outcome.
    const syncSteps = logged[0]?.steps.map((s) => `${s.method}:${s.direction}`);
    expect(syncSteps).toEqual(['tool/invoke:in', 'tool/invokeResult:out']);
  });
});
