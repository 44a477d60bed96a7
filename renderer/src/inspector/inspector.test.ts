import { describe, expect, it } from 'vitest';
import { conversationOf } from './conversation';
import { explain, splitError } from './explain';
import { waterfallOf } from './waterfall';

describe('conversation of a logged request (issue 16)', () => {
  it('reads an OpenAI chat with tool calls, tool results and a streamed answer', () => {
    const c = conversationOf(
      'openai',
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image_url' }] },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
        ],
      },
      { streamed: true, text: 'It is **sunny**.', reasoning: 'Look at the result.' },
    );
    expect(c.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(c.messages[1]?.parts).toEqual([
      { kind: 'text', text: 'Weather?' },
      { kind: 'attachment', what: 'image' },
    ]);
    expect(c.messages[2]?.parts[0]).toEqual({
      kind: 'tool_call',
      id: 'c1',
      name: 'get_weather',
      args: '{"city":"Paris"}',
    });
    expect(c.messages[3]?.parts[0]).toEqual({ kind: 'tool_result', id: 'c1', text: 'sunny' });
    expect(c.messages[4]).toEqual({
      role: 'assistant',
      answer: true,
      parts: [
        { kind: 'reasoning', text: 'Look at the result.' },
        { kind: 'text', text: 'It is **sunny**.' },
      ],
    });
  });

  it('reads Anthropic system blocks, thinking, tool_use and tool_result turns', () => {
    const c = conversationOf(
      'anthropic',
      {
        system: [{ type: 'text', text: 'You are Claude Code.' }],
        messages: [
          { role: 'user', content: 'List files' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'use ls' },
              { type: 'tool_use', id: 'tu1', name: 'Bash', input: { command: 'ls' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'tu1', content: 'a.txt', is_error: true },
            ],
          },
        ],
      },
      { content: [{ type: 'text', text: 'Done.' }] },
    );
    expect(c.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(c.messages[2]?.parts).toEqual([
      { kind: 'reasoning', text: 'use ls' },
      { kind: 'tool_call', id: 'tu1', name: 'Bash', args: '{"command":"ls"}' },
    ]);
    expect(c.messages[3]?.parts[0]).toMatchObject({
      kind: 'tool_result',
      isError: true,
      text: 'a.txt',
    });
  });

  it('reads Responses input items and output, and says when a body was cut', () => {
    const c = conversationOf(
      'responses',
      {
        instructions: 'Be exact.',
        input: [
          { role: 'user', content: [{ type: 'input_text', text: 'Run it' }] },
          { type: 'function_call', call_id: 'f1', name: 'shell', arguments: '{"cmd":"ls"}' },
          { type: 'function_call_output', call_id: 'f1', output: 'ok' },
        ],
      },
      {
        output: [
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Fine' }] },
        ],
      },
    );
    expect(c.messages.map((m) => [m.role, m.parts[0]?.kind])).toEqual([
      ['system', 'text'],
      ['user', 'text'],
      ['assistant', 'tool_call'],
      ['tool', 'tool_result'],
      ['assistant', 'text'],
    ]);
    expect(conversationOf('openai', '{"messages":[…[truncated 99 bytes]', null).cut).toEqual({
      request: true,
      response: false,
    });
  });
});

describe('timing waterfall (issue 16)', () => {
  it('draws queue, upstream wait and answer, the client stream and tool spans', () => {
    const time = 1_000_000;
    const w = waterfallOf({
      time,
      durationMs: 900,
      ttfbMs: 400,
      queueWaitMs: 50,
      timeline: [
        { kind: 'lease', t: 60 },
        { kind: 'upstream:ask', t: 70 },
        { kind: 'upstream:first', t: 380 },
        { kind: 'step:x:doing', t: 390, count: 4, lastT: 700 },
        { kind: 'upstream:end', t: 880 },
      ],
      upstreamTools: [{ name: 'run_in_terminal', steps: [{ at: time + 500 }, { at: time + 650 }] }],
      clientToolCalls: [{ name: 'get_weather', at: time + 870 }],
    });
    expect(w.total).toBe(900);
    expect(w.rows).toEqual([
      { kind: 'queue', start: 10, end: 60 },
      { kind: 'wait', start: 70, end: 380 },
      { kind: 'answer', start: 380, end: 880 },
      { kind: 'client', start: 400, end: 900, mark: 400 },
      { kind: 'tool', start: 500, end: 650, name: 'run_in_terminal' },
      { kind: 'call', start: 870, end: 870, name: 'get_weather' },
    ]);
  });

  it('numbers repeated asks (corrective retries, failover) and closes an ask that never ended', () => {
    const w = waterfallOf(
      {
        time: 0,
        inProgress: true,
        timeline: [
          { kind: 'upstream:ask', t: 10 },
          { kind: 'upstream:first', t: 20 },
          { kind: 'upstream:end', t: 30 },
          { kind: 'upstream:ask', t: 40 },
        ],
      },
      100,
    );
    expect(w.rows).toEqual([
      { kind: 'wait', start: 10, end: 20, name: '1' },
      { kind: 'answer', start: 20, end: 30, name: '1' },
      { kind: 'wait', start: 40, end: 100, name: '2' },
    ]);
  });
});

describe('error explanations (issue 16)', () => {
  const base = { endpoint: 'POST /v1/messages', inProgress: false };
  it('explains refusals by why, other failures by the error kind', () => {
    expect(
      explain({
        ...base,
        status: 401,
        refused: 'wrong_key',
        keyHint: 'lgw-3f…',
        error: 'authentication: Invalid API key.',
      }),
    ).toMatchObject({ id: 'wrong_key', params: { hint: 'lgw-3f…' } });
    expect(
      explain({
        ...base,
        status: 429,
        error: "rate_limit: The Lingma account's quota is exhausted",
      })?.id,
    ).toBe('quota');
    expect(explain({ ...base, status: 504, error: 'timeout: no answer' })?.id).toBe('timeout');
    expect(explain({ ...base, status: 499, error: 'client_closed: gone' })?.id).toBe(
      'clientClosed',
    );
    expect(explain({ ...base, status: 200 })).toBeUndefined();
    expect(splitError('upstream: a: b')).toEqual({ kind: 'upstream', message: 'a: b' });
  });
});
