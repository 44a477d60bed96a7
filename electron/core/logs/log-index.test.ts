import { describe, expect, it } from 'vitest';
import type { LogSummaryDto } from '../../shared/dto';
import { toSummary } from './entry-builder';
import { LogIndex } from './log-index';
import type { LogEntry, LogQuery } from './types';

function entry(i: number, over: Partial<LogEntry> = {}): LogEntry {
  return {
    id: `req_${String(i).padStart(4, '0')}`,
    time: 1_000 + i * 10,
    protocol: (['openai', 'anthropic', 'responses'] as const)[i % 3] ?? 'other',
    endpoint: i % 3 === 1 ? 'POST /v1/messages' : 'POST /v1/chat/completions',
    model: i % 2 ? 'gpt-4o' : 'claude-sonnet',
    resolvedModel: i % 2 ? 'qwen3-coder' : 'qwen3-max',
    accountId: `acc${i % 4}`,
    accountName: `user${i % 4}@example.com`,
    stream: i % 2 === 0,
    status: i % 10 === 0 ? 502 : 200,
    clientToolCalls: i % 5 === 0 ? [{ id: 'c1', name: 'read', arguments: '{}', at: 0 }] : [],
    upstreamTools: [],
    timeline: [],
    inProgress: false,
    ...over,
  };
}

function filled(n: number): LogIndex {
  const index = new LogIndex();
  // Out of order on purpose: the index keeps (time, id) order whatever the insert order.
  for (let i = n - 1; i >= 0; i--) index.upsert(entry(i));
  return index;
}

const ids = (index: LogIndex, q: LogQuery) => index.query(q, 0).entries.map((e) => e.id);

describe('LogIndex.query', () => {
  it('returns summaries newest first, shaped like the IPC DTO', () => {
    const page = filled(30).query({ limit: 3 }, 7);
    const dto: LogSummaryDto[] = page.entries; // compile-time: the DTO and the summary agree
    expect(dto.map((e) => e.id)).toEqual(['req_0029', 'req_0028', 'req_0027']);
    expect(page.total).toBe(30);
    expect(page.seq).toBe(7);
    expect(page.entries[0]).toEqual(toSummary(entry(29)));
  });

  it('filters by status, protocol, model, account, tool calls, time and text', () => {
    const index = filled(100);
    expect(ids(index, { status: 'error', limit: 100 })).toHaveLength(10);
    expect(ids(index, { status: 502, limit: 100 })).toHaveLength(10);
    expect(ids(index, { status: 'ok', limit: 100 })).toHaveLength(90);
    expect(ids(index, { status: 404 })).toEqual([]);
    expect(ids(index, { protocol: 'anthropic', limit: 100 })).toHaveLength(33);
    expect(ids(index, { model: 'qwen3-coder', limit: 100 })).toHaveLength(50); // resolved
    expect(ids(index, { model: 'claude-sonnet', limit: 100 })).toHaveLength(50); // requested
    expect(ids(index, { account: 'acc1', limit: 100 })).toHaveLength(25);
    expect(ids(index, { account: 'user1@example.com', limit: 100 })).toHaveLength(25);
    expect(ids(index, { hasToolCalls: true, limit: 100 })).toHaveLength(20);
    expect(ids(index, { hasToolCalls: false, limit: 100 })).toHaveLength(80);
    expect(ids(index, { since: 1_000 + 90 * 10, until: 1_000 + 95 * 10 })).toEqual([
      'req_0094',
      'req_0093',
      'req_0092',
      'req_0091',
      'req_0090',
    ]);
    expect(ids(index, { text: 'REQ_0042' })).toEqual(['req_0042']);
    expect(ids(index, { text: 'messages', status: 'error', account: 'acc2', limit: 100 })).toEqual([
      'req_0070',
      'req_0010',
    ]);
  });

  it('searches text in the id, endpoint, models, account, instance, error and status', () => {
    const index = new LogIndex();
    index.upsert(entry(1, { id: 'Req_MixedCase', instanceId: 'acc1#worker-2' }));
    index.upsert(
      entry(2, {
        status: 429,
        error: { kind: 'rate_limited', message: 'Quota exhausted until 10:00' },
      }),
    );
    index.upsert(entry(3, { accountName: 'Ops@Example.com' }));
    expect(ids(index, { text: 'mixedcase' })).toEqual(['Req_MixedCase']);
    expect(ids(index, { text: 'WORKER-2' })).toEqual(['Req_MixedCase']);
    expect(ids(index, { text: 'quota exhausted' })).toEqual(['req_0002']);
    expect(ids(index, { text: '429' })).toEqual(['req_0002']);
    expect(ids(index, { text: 'ops@example' })).toEqual(['req_0003']);
    // Words next to each other in the context still match as one phrase.
    expect(ids(index, { text: 'gpt-4o qwen3-coder', limit: 10 })).toEqual([
      'req_0003',
      'Req_MixedCase',
    ]);
    expect(ids(index, { text: 'nowhere' })).toEqual([]);
  });

  it('pages with a cursor until every match was seen exactly once', () => {
    const index = filled(57);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = index.query({ protocol: 'openai', limit: 4, cursor }, 0);
      expect(page.total).toBe(19);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBe(5);
    expect(seen).toEqual(ids(index, { protocol: 'openai', limit: 1000 }));
    expect(new Set(seen).size).toBe(19);
  });

  it('keeps order stable for equal times and updates entries in place', () => {
    const index = new LogIndex();
    index.upsert(entry(1, { id: 'b', time: 5, inProgress: true }));
    index.upsert(entry(2, { id: 'a', time: 5 }));
    index.upsert(entry(3, { id: 'c', time: 4 }));
    index.upsert(entry(1, { id: 'b', time: 5, inProgress: false, status: 500 }));
    const page = index.query({}, 0);
    expect(page.entries.map((e) => e.id)).toEqual(['b', 'a', 'c']);
    expect(page.entries[0]).toMatchObject({ inProgress: false, status: 500 });
    expect(index.size).toBe(3);
  });

  it('stays bounded: the oldest records are forgotten past the cap', () => {
    const index = new LogIndex(50);
    for (let i = 0; i < 200; i++) index.upsert(entry(i));
    expect(index.size).toBeLessThanOrEqual(50);
    expect(index.has('req_0199')).toBe(true);
    expect(index.has('req_0000')).toBe(false);
    expect(index.query({ limit: 1000 }, 0).total).toBe(index.size);
  });
});
