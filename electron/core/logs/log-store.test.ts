import { appendFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogService, type LogService, type LogServiceOptions } from './index';
import { SecretRegistry } from './redact';
import { apiKey, leaks, lingmaToken, rng, tempDir } from './test-support';
import type { LogPush } from './types';

const T0 = new Date(2025, 6, 1, 9).getTime();
const services: LogService[] = [];
let cleanup: () => void = () => undefined;
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  cleanup();
});

function setup() {
  const t = tempDir('store');
  cleanup = t.cleanup;
  const clock = { now: T0 };
  const open = async (extra: Partial<LogServiceOptions> = {}) => {
    const s = createLogService({
      dir: t.dir,
      now: () => clock.now,
      flushIntervalMs: 1000,
      ...extra,
    });
    services.push(s);
    await s.start();
    return s;
  };
  const raw = () =>
    readdirSync(t.dir)
      .filter((n) => n.endsWith('.jsonl'))
      .map((n) => readFileSync(join(t.dir, n), 'utf8'))
      .join('');
  return { dir: t.dir, clock, open, raw };
}

function run(s: LogService, id: string, over: { status?: number; model?: string } = {}) {
  const h = s.begin({
    id,
    protocol: 'openai',
    endpoint: 'POST /v1/chat/completions',
    model: over.model ?? 'gpt-4o',
  });
  h.update({ accountId: 'a1', accountName: 'alice', resolvedModel: 'qwen3', tokensIn: 3 });
  h.finish({ status: over.status ?? 200, tokensOut: 4 });
  return h;
}

describe('log service', () => {
  it('shows entries live, then writes each once when it finishes', async () => {
    const { clock, open, raw } = setup();
    const s = await open({ bus: { intervalMs: 1 } });
    const pushes: LogPush[] = [];
    s.subscribe((p) => pushes.push(p));

    const h = s.begin({
      id: 'req_1',
      protocol: 'anthropic',
      endpoint: 'POST /v1/messages',
      stream: true,
      model: 'claude',
    });
    expect(s.query().entries).toMatchObject([{ id: 'req_1', inProgress: true, stream: true }]);
    clock.now += 120;
    h.firstByte();
    h.addToolEvent({
      method: 'tool/call/sync',
      direction: 'in',
      at: clock.now,
      params: { toolCallId: 't1', toolCallStatus: 'PENDING', parameters: { command: 'ls' } },
    });
    h.addToolEvent({
      method: 'tool/call/approve',
      direction: 'out',
      at: clock.now + 1,
      params: { toolCallId: 't1', approval: true },
    });
    h.addToolEvent({
      method: 'tool/call/sync',
      direction: 'in',
      at: clock.now + 2,
      params: { toolCallId: 't1', toolCallStatus: 'RUNNING' },
    });
    h.addToolEvent({
      method: 'tool/call/sync',
      direction: 'in',
      at: clock.now + 3,
      params: { toolCallId: 't1', toolCallStatus: 'FINISHED', results: [{ content: 'a.txt' }] },
    });
    h.addClientToolCall({ id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' });
    for (let i = 0; i < 500; i++) h.addTimelineEvent('text', clock.now + i);
    h.addTimelineEvent('finish', clock.now + 600);
    expect((await s.get('req_1'))?.inProgress).toBe(true);

    clock.now += 1000;
    h.finish({ status: 200, tokensIn: 10, tokensOut: 20 });
    h.update({ status: 500 }); // late calls are ignored
    expect(raw()).toBe(''); // buffered until the flush tick
    const full = await s.get('req_1');
    expect(full).toMatchObject({ status: 200, ttfbMs: 120, durationMs: 1120, inProgress: false });
    expect(full?.upstreamTools[0]).toMatchObject({
      toolCallId: 't1',
      status: 'FINISHED',
      parameters: { command: 'ls' },
      results: [{ content: 'a.txt' }],
    });
    expect(full?.upstreamTools[0]?.steps.map((x) => x.status ?? x.approval)).toEqual([
      'PENDING',
      true,
      'RUNNING',
      'FINISHED',
    ]);
    expect(full?.timeline).toEqual([
      { kind: 'text', t: 120, count: 500, lastT: 619 },
      { kind: 'finish', t: 720 },
    ]);
    expect(s.query().entries[0]).toMatchObject({ toolCalls: 2, inProgress: false });

    s.flush();
    const lines = raw().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual(full);
    await waitFor(() =>
      pushes.some((p) => p.upserts.some((u) => u.id === 'req_1' && !u.inProgress)),
    );
    const seqs = pushes.map((p) => p.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(s.query().seq).toBe(s.seq);
  });

  it('never writes a secret to disk, and marks truncated bodies', async () => {
    const { open, raw } = setup();
    const secrets = new SecretRegistry();
    const s = await open({ secrets, maxBodyBytes: 300 });
    const r = rng(5);
    const key = apiKey(r);
    const admin = 'adm-' + apiKey(r).slice(4, 30);
    const token = lingmaToken(r, 'pt');
    secrets.register(admin);
    const h = s.begin({
      id: 'req_s',
      protocol: 'openai',
      endpoint: `POST /v1/chat/completions?api_key=${key}`,
      requestBody: {
        headers: { Authorization: `Bearer ${key}` },
        messages: [{ role: 'user', content: `${'x'.repeat(280)}${token}` }],
      },
    });
    h.addClientToolCall({
      id: 'c',
      name: 'login',
      arguments: JSON.stringify({ password: 'hunter2hunter2', admin }),
    });
    h.addToolEvent({
      method: 'tool/invoke',
      direction: 'in',
      at: T0,
      params: { toolCallId: 't', name: 'run', parameters: { env: `KEY=${key}` } },
    });
    h.finish({
      error: { kind: 'upstream_error', message: `rejected ${token} for ${admin}` },
      responseBody: 'y'.repeat(1000),
    });
    s.flush();
    const disk = raw();
    for (const secret of [key, admin, token, 'hunter2hunter2'])
      expect(leaks(disk, secret)).toBe(false);
    const e = await s.get('req_s');
    expect(e?.requestBodyTruncated?.mode).toBe('fields');
    expect(e?.responseBodyTruncated).toMatchObject({ mode: 'text', originalBytes: 1000 });
    expect(e?.responseBody).toMatch(/…\[truncated \d+ bytes\]$/);
  });

  it('reloads after a restart, tolerating a torn last line, and keeps ids unique', async () => {
    const { dir, open } = setup();
    const a = await open();
    for (let i = 0; i < 5; i++) run(a, `req_${i}`, { status: i === 3 ? 502 : 200 });
    await a.stop();
    const file = readdirSync(dir).find((n) => n.endsWith('.jsonl'))!;
    appendFileSync(join(dir, file), '{"id":"req_torn","time":1,"proto'); // crash mid-write

    const b = await open();
    expect(b.stats().skippedLines).toBe(1);
    const page = b.query({ limit: 10 });
    expect(page.entries.map((e) => e.id)).toEqual(['req_4', 'req_3', 'req_2', 'req_1', 'req_0']);
    expect(b.query({ status: 'error' }).entries.map((e) => e.id)).toEqual(['req_3']);
    expect((await b.get('req_2'))?.resolvedModel).toBe('qwen3'); // read from disk
    expect(await b.get('req_torn')).toBeUndefined();

    const again = run(b, 'req_2'); // a client reusing its x-request-id
    expect(again.id).toBe('req_2~2');
    b.flush();
    expect((await b.get('req_2~2'))?.id).toBe('req_2~2');
    expect((await b.get('req_2'))?.id).toBe('req_2');
    const exported = await b.exportAll();
    expect(exported.count).toBe(6);
    expect(JSON.parse(exported.json).map((e: { id: string }) => e.id)).toContain('req_2~2');
    const some = await b.export(['req_1', 'nope', 'req_3']);
    expect(JSON.parse(some.json).map((e: { id: string }) => e.id)).toEqual(['req_1', 'req_3']);
  });

  it('applies retention by size and by age, forgetting the deleted entries', async () => {
    const { clock, open, raw } = setup();
    const s = await open({ maxFileBytes: 2000, retention: { maxTotalBytes: 6000, maxAgeDays: 3 } });
    for (let i = 0; i < 60; i++) {
      run(s, `old_${i}`);
      if (i % 5 === 4) s.flush();
    }
    s.flush();
    expect(s.stats().totalBytes).toBeLessThanOrEqual(6000);
    expect(s.query({ text: 'old_59' }).total).toBe(1);
    expect(s.query({ text: 'old_0' }).entries.map((e) => e.id)).not.toContain('old_0');
    expect(await s.get('old_0')).toBeUndefined();
    expect(s.query({ limit: 1000 }).total).toBe(raw().trim().split('\n').length);

    clock.now += 5 * 86_400_000; // five days later
    run(s, 'new_0');
    s.flush();
    expect(s.query({ limit: 1000 }).entries.map((e) => e.id)).toEqual(['new_0']);
    expect(s.stats().files).toBe(1);
  });

  it('finishes running entries as interrupted on stop; begin after stop records nothing', async () => {
    const { open } = setup();
    const a = await open();
    const h = a.begin({ id: 'req_run', protocol: 'responses', endpoint: 'POST /v1/responses' });
    await a.stop();
    expect(h.finished).toBe(true);
    const late = a.begin({ id: 'req_late', protocol: 'other', endpoint: 'GET /v1/models' });
    late.finish({ status: 200 });
    const b = await open();
    expect(await b.get('req_run')).toMatchObject({
      error: { kind: 'interrupted' },
      inProgress: false,
    });
    expect(await b.get('req_late')).toBeUndefined();
  });

  it('bounds running entries', async () => {
    const { open } = setup();
    const s = await open({ maxInProgress: 3 });
    const handles = ['a', 'b', 'c', 'd'].map((id) =>
      s.begin({ id, protocol: 'openai', endpoint: 'POST /x' }),
    );
    expect(handles.map((h) => h.finished)).toEqual([true, false, false, false]);
    expect(s.stats().inProgress).toBe(3);
    expect((await s.get('a'))?.error?.kind).toBe('abandoned');
  });

  it('keeps usage across restarts and rebuilds it from the log files when missing', async () => {
    const { dir, open } = setup();
    const a = await open();
    run(a, 'u1');
    run(a, 'u2', { status: 500 });
    run(a, 'u3', { model: 'claude' });
    const before = a.usage({ days: 1 });
    expect(before).toEqual([
      {
        day: '2025-07-01',
        account: 'alice',
        model: 'qwen3',
        requests: 3,
        errors: 1,
        tokensIn: 9,
        tokensOut: 12,
      },
    ]);
    await a.stop();
    expect((await open()).usage({ days: 1 })).toEqual(before);
    await services.pop()!.stop();
    rmSync(join(dir, 'usage.json'));
    const c = await open();
    expect(c.usage({ days: 1 })).toEqual(before);
    expect(readdirSync(dir)).toContain('usage.json'); // rebuilt and saved
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
