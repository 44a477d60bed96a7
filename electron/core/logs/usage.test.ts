import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from './types';
import { UsageAggregator } from './usage';
import { tempDir } from './test-support';

const at = (d: number, h = 12) => new Date(2025, 5, d, h).getTime();
let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

function entry(id: string, over: Partial<LogEntry>): LogEntry {
  return {
    id,
    time: at(10),
    protocol: 'openai',
    endpoint: 'POST /v1/chat/completions',
    stream: false,
    clientToolCalls: [],
    upstreamTools: [],
    timeline: [],
    inProgress: false,
    ...over,
    finishedAt: over.finishedAt ?? (over.time ?? at(10)) + 100,
  };
}

function setup() {
  const t = tempDir('usage');
  cleanup = t.cleanup;
  const file = join(t.dir, 'usage.json');
  const make = () => new UsageAggregator({ file, now: () => at(12) });
  return { file, make };
}

describe('UsageAggregator', () => {
  it('counts requests, errors and tokens per day × account × model', () => {
    const { make } = setup();
    const u = make();
    u.record(
      entry('1', {
        accountName: 'a',
        resolvedModel: 'm1',
        status: 200,
        tokensIn: 10,
        tokensOut: 5,
      }),
    );
    u.record(entry('2', { accountName: 'a', resolvedModel: 'm1', status: 502, tokensIn: 1 }));
    u.record(
      entry('3', { accountId: 'id-b', model: 'gpt', error: { kind: 'timeout', message: 'x' } }),
    );
    u.record(entry('4', { time: at(11), accountName: 'a', resolvedModel: 'm1', tokensOut: 7 }));
    u.record(entry('5', { protocol: 'other', endpoint: 'GET /v1/models' })); // not model usage
    u.record(entry('6', { time: at(1), accountName: 'a', resolvedModel: 'm1' })); // too old below
    expect(u.usage({ days: 3 })).toEqual([
      {
        day: '2025-06-10',
        account: 'a',
        model: 'm1',
        requests: 2,
        errors: 1,
        tokensIn: 11,
        tokensOut: 5,
      },
      {
        day: '2025-06-10',
        account: 'id-b',
        model: 'gpt',
        requests: 1,
        errors: 1,
        tokensIn: 0,
        tokensOut: 0,
      },
      {
        day: '2025-06-11',
        account: 'a',
        model: 'm1',
        requests: 1,
        errors: 0,
        tokensIn: 0,
        tokensOut: 7,
      },
    ]);
  });

  it('persists atomically and replays only entries finished after the saved watermark', () => {
    const { file, make } = setup();
    const u = make();
    const e1 = entry('1', { accountName: 'a', model: 'm', finishedAt: at(10, 13) });
    const e2 = entry('2', { accountName: 'a', model: 'm', finishedAt: at(10, 13) });
    const e3 = entry('3', { accountName: 'a', model: 'm', finishedAt: at(10, 14) });
    u.record(e1);
    u.record(e2);
    u.save();
    expect(existsSync(`${file}.tmp`)).toBe(false);
    // A crash after e3 reached the log file but before usage.json was saved again:
    const again = make();
    expect(again.load()).toBe('loaded');
    for (const e of [e1, e2, e3]) again.replay(e);
    expect(again.usage({ days: 7 })[0]?.requests).toBe(3);
  });

  it('rebuilds from the log entries when the file is missing or corrupt', () => {
    const { file, make } = setup();
    writeFileSync(file, '{"version":1,"rows":[');
    const u = make();
    expect(u.load()).toBe('corrupt');
    u.replay(entry('1', { accountName: 'a', model: 'm' }));
    u.replay(entry('2', { accountName: 'a', model: 'm' }));
    u.save();
    expect(JSON.parse(readFileSync(file, 'utf8')).rows[0].requests).toBe(2);
  });
});
