import { describe, expect, it } from 'vitest';
import { TurnRecord } from './turn-record';

const usage = { inputTokens: 5, outputTokens: 3, reasoningTokens: 1 };
const call = { id: 'c1', name: 'ls', arguments: '{}' };

describe('TurnRecord', () => {
  it('accumulates once, in order: merged deltas, one call per id, the finish', () => {
    let t = 1_000;
    const r = new TurnRecord(() => t);
    t = 1_012;
    r.add({ type: 'reasoning', text: 'hm' });
    t = 1_020;
    r.add({ type: 'text', text: 'Hel' });
    r.add({ type: 'text', text: 'lo' });
    r.add({ type: 'upstream_tool', call });
    r.add({ type: 'upstream_tool', call: { ...call, result: { content: 'a b', isError: false } } });
    r.add({ type: 'text', text: '!' });
    r.add({ type: 'finish', finishReason: 'tool_calls', usage });
    expect(r.ttfbMs).toBe(12);
    expect(r.text).toBe('Hello!');
    expect(r.reasoning).toBe('hm');
    expect(r.calls).toEqual([
      { call, source: 'upstream', result: { content: 'a b', isError: false } },
    ]);
    expect(r.events().map((e) => e.type)).toEqual([
      'reasoning',
      'text',
      'upstream_tool',
      'upstream_tool',
      'text',
      'finish',
    ]);
    expect(r.usage).toEqual(usage);
  });

  it('measures the time to first output once, never from the finish, and ends once', () => {
    let t = 0;
    const r = new TurnRecord(() => t);
    t = 5;
    r.add({ type: 'finish', finishReason: 'stop', usage });
    expect(r.ttfbMs).toBeUndefined();
    r.end({ kind: 'client_closed' });
    t = 9;
    r.end({ kind: 'ok' });
    expect(r.outcome).toEqual({ kind: 'client_closed' });
    expect(r.durationMs).toBe(5);
    expect(r.finished).toBe(true);
  });
});
