import { describe, expect, it } from 'vitest';
import { ApiError } from '../gateway/errors';
import { outcomeError } from '../gateway/outcome-error';
import { estimateRequestTokens, estimateTextTokens } from '../gateway/translate/tokens';
import { toolPrompts, toolStages } from '../tools/chat-seams';
import { silentLogger } from '../util/logger';
import { ChatEngine, type ChatContext, type ChatRun } from './chat-engine';
import { errorOutcome } from './outcome';
import type { RequestTrace, TracePatch } from './ports';
import {
  chatSettings,
  FakePool,
  finish,
  MapReuse,
  neutral,
  ScriptedClient,
  text,
} from './testing/fakes';
import { TurnRecord } from './turn-record';
import type { OutEvent } from './types';

// The engine's structured-output stage and stripped markup, on a scripted upstream: what the
// client receives, how many upstream attempts ran, and what the request log is told.

const SCHEMA = {
  type: 'object',
  properties: { n: { type: 'integer' } },
  required: ['n'],
};

function setup(answers: string[]) {
  let i = 0;
  const client = new ScriptedClient(() => {
    const a = answers[Math.min(i, answers.length - 1)] ?? '';
    i += 1;
    return [text(a), finish(a)];
  });
  const engine = new ChatEngine({
    pool: new FakePool([{ id: 'i1', client }]),
    sessions: new MapReuse(),
    prompts: toolPrompts(),
    tools: toolStages,
    logger: silentLogger,
    settings: () =>
      chatSettings({
        maxFailovers: 0,
        maxCrashReplays: 0,
        firstEventTimeoutMs: 60_000,
        idleTimeoutMs: 60_000,
      }),
    estimateInput: estimateRequestTokens,
    estimateText: estimateTextTokens,
  });
  const patches: TracePatch[] = [];
  const events: string[] = [];
  const trace: RequestTrace = {
    set: (p) => void patches.push(p),
    upstreamTool: () => undefined,
    event: (k) => void events.push(k),
  };
  const ctx: ChatContext = {
    requestId: 'r1',
    keyId: 'k',
    signal: new AbortController().signal,
    trace,
    record: new TurnRecord(),
  };
  const notes = () => patches.flatMap((p) => (p.note ? [p.note] : []));
  return { engine, client, ctx, notes, events };
}

async function collect(run: ChatRun): Promise<OutEvent[]> {
  const out: OutEvent[] = [];
  await run.play({ event: (ev) => void out.push(ev) });
  return out;
}

const textOf = (events: OutEvent[]) =>
  events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');

const structured = neutral({
  responseFormat: { type: 'json_schema', schema: SCHEMA },
  messages: [{ role: 'user', text: 'count' }],
});

describe('structured output in the engine', () => {
  it('sends only the extracted JSON of a valid answer, in one piece', async () => {
    const t = setup(['Here: ```json\n{"n": 3}\n```']);
    const run = await t.engine.start(structured, t.ctx);
    const events = await collect(run);
    expect(events.filter((e) => e.type === 'text')).toEqual([{ type: 'text', text: '{"n":3}' }]);
    expect(t.client.asked).toHaveLength(1);
    expect(t.client.asked[0]?.questionText).toContain('# Response format');
  });

  it('retries once with the errors, and the client never sees the invalid try', async () => {
    const t = setup(['{"n": "three"}', '{"n": 3}']);
    const events = await collect(await t.engine.start(structured, t.ctx));
    expect(textOf(events)).toBe('{"n":3}');
    expect(t.client.asked).toHaveLength(2);
    expect(t.client.asked[1]?.questionText).toContain('`/n` must be integer');
    expect(t.events).toContain('format-corrective-retry');
  });

  it('sends the best candidate after the retry fails too, and notes why', async () => {
    const t = setup(['nope', 'still {"m": 1} wrong']);
    const events = await collect(await t.engine.start(structured, t.ctx));
    expect(textOf(events)).toBe('{"m":1}');
    expect(t.client.asked).toHaveLength(2);
    expect(t.notes()).toContain(
      "structured output still invalid after a corrective retry: the top-level value must have required property 'n'",
    );
  });

  it('rejects an unusable schema before anything goes upstream', async () => {
    const t = setup(['{}']);
    const bad = neutral({
      protocol: 'anthropic',
      responseFormat: { type: 'json_schema', schema: { $ref: '#/missing' } },
    });
    const err = await t.engine
      .start(bad, t.ctx)
      .catch((e: unknown) => outcomeError(errorOutcome(e)));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).param).toBe('output_config.format.schema');
    expect(t.client.asked).toHaveLength(0);
  });
});

describe('model echo and notes', () => {
  it('reports the client model name and logs what was ignored', async () => {
    const t = setup(['hi']);
    const run = await t.engine.start(
      neutral({ model: 'claude-sonnet-4-5', ignoredParams: ['thinking', 'service_tier'] }),
      t.ctx,
    );
    await collect(run);
    expect(run.model.reported).toBe('claude-sonnet-4-5');
    expect(t.notes()[0]).toBe('ignored (not supported upstream): thinking, service_tier');
  });
});

describe('call markup without tools', () => {
  it('is retried once, then stripped and noted', async () => {
    const block = '```tool_call\n{"name": "rm", "arguments": {}}\n```';
    const t = setup([`Before.\n${block}\nAfter.`]);
    const events = await collect(await t.engine.start(neutral(), t.ctx));
    expect(textOf(events)).toBe('Before.\n\nAfter.');
    expect(t.client.asked).toHaveLength(2);
    expect(t.client.asked[1]?.questionText).toContain('no tools are available');
    expect(t.notes()).toContain(
      'stripped tool call "rm": no tools are available in this conversation',
    );
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });
});
