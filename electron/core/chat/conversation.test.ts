import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../gateway/e2e/support/fixtures';
import { parseAnthropicMessagesRequest } from '../gateway/translate/anthropic-request';
import { parseResponsesRequest } from '../gateway/translate/responses';
import {
  answerDigest,
  canonicalArguments,
  comparables,
  headDigest,
  normaliseText,
} from './conversation';
import type { NeutralMessage, NeutralRequest } from './types';

const digests = (messages: NeutralMessage[]): string[] =>
  comparables(messages).map((c) => c.digest);

/**
 * The captured requests of one real CLI run, in order: each must extend the previous one plus
 * the answer it got (its last assistant turn is that answer, as the client re-sends it).
 */
function runs(client: 'claude-code' | 'codex'): Map<string, NeutralRequest[]> {
  const parse = (body: unknown): NeutralRequest =>
    client === 'codex'
      ? parseResponsesRequest(body, { lookupPrevious: () => undefined })
      : parseAnthropicMessagesRequest(body);
  const out = new Map<string, NeutralRequest[]>();
  for (const { fixture } of loadFixtures(client)) {
    const list = out.get(fixture.scenario) ?? [];
    list.push(parse(fixture.body));
    out.set(fixture.scenario, list);
  }
  return out;
}

describe('what real clients re-send is recognised as the same conversation', () => {
  for (const client of ['claude-code', 'codex'] as const) {
    for (const [scenario, requests] of runs(client)) {
      if (requests.length < 2) continue;
      it(`${client} ${scenario}: every request extends the one before`, () => {
        for (let n = 1; n < requests.length; n += 1) {
          const before = requests[n - 1] as NeutralRequest;
          const after = requests[n] as NeutralRequest;
          expect(headDigest(after, 'k', 'chat')).toBe(headDigest(before, 'k', 'chat'));
          const held = digests(before.messages);
          const next = comparables(after.messages);
          expect(next.slice(0, held.length).map((c) => c.digest)).toEqual(held);
          // What follows the held part is the answer the gateway gave, then only new material.
          const answer = next[held.length];
          expect(answer?.assistant).toBe(true);
          const given = after.messages[answer?.end ?? -1];
          expect(answer?.digest).toBe(answerDigest(given?.text ?? '', given?.toolCalls ?? []));
          expect(next.slice(held.length + 1).every((c) => !c.assistant)).toBe(true);
        }
      });
    }
  }
});

describe('normalising', () => {
  it('drops system reminders and the whitespace around a message', () => {
    expect(normaliseText('<system-reminder>\nA\n</system-reminder>\nHello   there\n')).toBe(
      'Hello   there',
    );
  });

  it("ignores how an answer's text was split into blocks", () => {
    expect(answerDigest('Let me look.\n', [])).toBe(answerDigest('Let me\nlook.', []));
    expect(answerDigest('Let me look.', [])).not.toBe(answerDigest('Let me see.', []));
  });

  it('compares call arguments as JSON with sorted keys', () => {
    expect(canonicalArguments('{"b": 1, "a": {"y": 2, "x": [1, {"d": 0, "c": 1}]}}')).toBe(
      canonicalArguments('{"a":{"x":[1,{"c":1,"d":0}],"y":2},"b":1}'),
    );
    expect(canonicalArguments('not json ')).toBe('not json');
  });

  it('skips instructions and reminder-only turns, and joins one turn split over messages', () => {
    const call = { id: 'call_1', name: 'f', arguments: '{}' };
    const split: NeutralMessage[] = [
      { role: 'user', text: 'go' },
      { role: 'system', text: 'Environment: x' },
      { role: 'assistant', text: 'Sure.' },
      { role: 'assistant', text: '', toolCalls: [call] },
      { role: 'user', text: '<system-reminder>tokens left</system-reminder>' },
    ];
    const whole: NeutralMessage[] = [
      { role: 'user', text: 'go ' },
      { role: 'assistant', text: '', toolCalls: [call] },
    ];
    expect(digests(split)).toEqual(digests(whole));
    expect(comparables(split).map((c) => c.end)).toEqual([0, 3]);
  });

  it('tells apart what does change the conversation', () => {
    const base: NeutralMessage[] = [
      { role: 'user', text: 'go' },
      { role: 'assistant', text: 'ok' },
    ];
    expect(digests([...base])).not.toEqual(digests([{ role: 'user', text: 'go!' }, base[1]!]));
    const result = (content: string, isError?: boolean): NeutralMessage => ({
      role: 'tool',
      text: content,
      toolResult: { callId: 'c', content, ...(isError ? { isError } : {}) },
    });
    expect(digests([result('x')])).not.toEqual(digests([result('y')]));
    expect(digests([result('x')])).not.toEqual(digests([result('x', true)]));
  });
});
