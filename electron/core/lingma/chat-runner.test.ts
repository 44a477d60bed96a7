import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LingmaClient } from './lingma-client';
import { collect, params, startClientFixture, type ClientFixture } from './testing/client-fixture';
import type { FakePeer, PeerMessage } from './testing/fake-peer';
import { LingmaError } from './types';

let fx: ClientFixture;
let peer: FakePeer;
let client: LingmaClient;
const ask = (i = 0): Promise<PeerMessage> => fx.ask(i);

beforeEach(async () => {
  fx = await startClientFixture();
  ({ peer, client } = fx);
});

afterEach(() => fx.close());

describe('chat turns (ChatRunner via LingmaClient)', () => {
  it('streams without waiting for the ack and maps every push; every push is answered', async () => {
    const turn = client.chat({ questionText: 'hi', modelKey: 'auto' });
    const done = collect(turn);
    const a = await ask();
    expect(params(a)).toMatchObject({
      requestId: turn.requestId,
      chatTask: 'FREE_INPUT',
      sessionId: '',
      isReply: false,
      source: 1,
      questionText: 'hi',
      stream: true,
      sessionType: 'chat',
      mode: 'chat',
      extra: { modelConfig: { key: 'auto' }, context: [], sessionType: 'chat' },
      pluginPayloadConfig: { isEnableAutoMemory: false },
      customModel: null,
    });
    expect(turn.requestId).toMatch(/^[0-9a-f]{32}$/);
    const rid = turn.requestId;
    const ids = [
      peer.request('chat/process_step_callback', {
        requestId: rid,
        step: 'step_start',
        status: 'doing',
      }),
      peer.request('session/title/update', { sessionId: 's-1', sessionTitle: 'Greeting' }),
      peer.request('chat/think', { requestId: rid, text: 'hmm', step: 'start' }),
      peer.request('chat/answer', { requestId: rid, sessionId: 's-1', text: 'Hel' }),
      peer.request('chat/answer', { requestId: rid, sessionId: 's-1', text: '' }),
      peer.request('chat/answer', { requestId: 'someone-else', text: 'WRONG' }),
      peer.request('chat/answer', { requestId: rid, sessionId: 's-1', text: 'lo' }),
      peer.request('chat/finish', {
        requestId: rid,
        sessionId: 's-1',
        statusCode: 200,
        reason: 'success',
        fullAnswer: 'Hello',
      }),
    ];
    const { events, error } = await done;
    expect(error).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(['step', 'title', 'think', 'text', 'text', 'finish']);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      sessionId: 's-1',
      statusCode: 200,
      fullAnswer: 'Hello',
      synthetic: false,
    });
    await peer.waitFor(() => ids.every((id) => peer.replyTo(id)));
  });

  it('ends on step_end + idle with a synthetic finish carrying the assembled answer', async () => {
    const done = collect(client.chat({ questionText: 'q' }));
    const rid = params(await ask()).requestId;
    peer.request('chat/answer', { requestId: rid, sessionId: 's', text: 'old' });
    peer.request('chat/answer', { requestId: rid, sessionId: 's', text: 'new', overwrite: true });
    peer.request('chat/answer', { requestId: rid, sessionId: 's', text: '!' });
    peer.request('chat/process_step_callback', {
      requestId: rid,
      step: 'step_end',
      status: 'done',
    });
    const { events } = await done;
    expect(events.at(-1)).toEqual({
      type: 'finish',
      sessionId: 's',
      statusCode: 200,
      reason: 'step_end',
      fullAnswer: 'new!',
      synthetic: true,
    });
  });

  it('runs turns in parallel, routed by requestId; a follow-up waits for its busy session', async () => {
    const t1 = client.chat({ questionText: 'one' });
    const t2 = client.chat({ questionText: 'two' });
    const [d1, d2] = [collect(t1), collect(t2)];
    await ask(1); // both sent at once: nothing queues behind a running turn
    // Interleaved pushes reach the right turn whatever the arrival order.
    peer.request('chat/answer', { requestId: t2.requestId, sessionId: 's2', text: 'B' });
    peer.request('chat/answer', { requestId: t1.requestId, sessionId: 's1', text: 'A' });
    peer.request('chat/finish', { requestId: t2.requestId, sessionId: 's2', statusCode: 200 });
    expect((await d2).events.at(-1)).toMatchObject({ type: 'finish', fullAnswer: 'B' });
    // Two follow-ups on s1 while t1 still runs on it: they wait, in order (never two turns on
    // one session at once, §8.1); a cancelled waiting one is never sent.
    const f1 = client.chat({ questionText: 'f1', sessionId: 's1', isReply: true });
    const f2 = client.chat({ questionText: 'f2', sessionId: 's1', isReply: true });
    const f3 = client.chat({ questionText: 'f3', sessionId: 's1', isReply: true });
    const [e1, e2, e3] = [collect(f1), collect(f2), collect(f3)];
    await f2.cancel();
    expect((await e2).events).toEqual([]);
    expect(peer.sent('chat/ask')).toHaveLength(2);
    peer.request('chat/finish', { requestId: t1.requestId, sessionId: 's1', statusCode: 200 });
    expect((await d1).events.at(-1)).toMatchObject({ fullAnswer: 'A' });
    expect(params(await ask(2))).toMatchObject({
      questionText: 'f1',
      sessionId: 's1',
      isReply: true,
    });
    peer.request('chat/finish', { requestId: f1.requestId, sessionId: 's1', statusCode: 200 });
    await e1;
    expect(params(await ask(3)).questionText).toBe('f3');
    peer.request('chat/finish', { requestId: f3.requestId, sessionId: 's1', statusCode: 200 });
    await e3;
    expect(peer.sent('chat/ask').map((m) => params(m).questionText)).toEqual([
      'one',
      'two',
      'f1',
      'f3',
    ]);
  });

  it('cancel sends chat/stop and ends the iterator; abort throws aborted', async () => {
    const t1 = client.chat({ questionText: 'one' });
    const d1 = collect(t1);
    await ask();
    peer.request('chat/answer', { requestId: t1.requestId, sessionId: 's-9', text: 'x' });
    await peer.waitFor(() => peer.messages.some((m) => m.result === null));
    await t1.cancel();
    expect((await d1).error).toBeUndefined();
    expect(params(await peer.waitFor(() => peer.sent('chat/stop')[0]))).toEqual({
      requestId: t1.requestId,
      sessionId: 's-9',
    });
    const ac = new AbortController();
    const t2 = client.chat({ questionText: 'two', signal: ac.signal });
    const d2 = collect(t2);
    await ask(1);
    ac.abort();
    expect(((await d2).error as LingmaError).code).toBe('aborted');
    await peer.waitFor(() => peer.sent('chat/stop')[1]);
  });

  it('fails the turn on a refused ack and on the idle timeout', async () => {
    const t1 = client.chat({ questionText: 'one' });
    const d1 = collect(t1);
    peer.reply((await ask()).id, {
      requestId: t1.requestId,
      isSuccess: false,
      errorMessage: 'quota exceeded',
    });
    expect(((await d1).error as LingmaError).code).toBe('quota_exhausted');
    const quick = new LingmaClient({
      url: peer.url,
      workspaceDir: '/tmp/w',
      chat: { idleTimeoutMs: 200 },
    });
    await quick.connect();
    const d2 = collect(quick.chat({ questionText: 'two' }));
    expect(((await d2).error as LingmaError).code).toBe('timeout');
    await peer.waitFor(() => peer.sent('chat/stop')[0]);
    await quick.close();
  });

  it('refuses tool/invoke by default, supports async invokes and hooks', async () => {
    const done = collect(
      client.chat({
        questionText: 'q',
        mode: 'agent',
        onToolInvoke: (p) =>
          p.name === 'read_file' ? { content: 'data' } : { success: false, errorMessage: 'nope' },
      }),
    );
    const rid = params(await ask()).requestId;
    const sync = peer.request('tool/invoke', {
      requestId: rid,
      toolCallId: 'tc1',
      name: 'read_file',
      parameters: {},
      async: false,
    });
    const asyncId = peer.request('tool/invoke', {
      requestId: rid,
      toolCallId: 'tc2',
      name: 'run_in_terminal',
      async: true,
    });
    expect((await peer.waitFor(() => peer.replyTo(sync))).result).toEqual({ content: 'data' });
    expect((await peer.waitFor(() => peer.replyTo(asyncId))).result).toEqual({});
    const result = params(await peer.waitFor(() => peer.sent('tool/invokeResult')[0]));
    expect(result).toMatchObject({
      toolCallId: 'tc2',
      name: 'run_in_terminal',
      success: false,
      errorMessage: 'nope',
      result: {},
    });
    expect(typeof result.startTime).toBe('number');
    peer.request('chat/finish', { requestId: rid, sessionId: 's', statusCode: 200 });
    const tools = (await done).events
      .filter((e) => e.type === 'tool')
      .map((e) => e.type === 'tool' && `${e.message.method}:${e.message.direction}`);
    // Both outcomes reach the turn: the sync one as its reply, the async one as tool/invokeResult.
    expect([...tools].sort()).toEqual([
      'tool/invoke:in',
      'tool/invoke:in',
      'tool/invokeResult:out',
      'tool/invokeResult:out',
    ]);

    const d2 = collect(client.chat({ questionText: 'q2' }));
    const rid2 = params(await ask(1)).requestId;
    const refused = peer.request('tool/invoke', {
      requestId: rid2,
      toolCallId: 'tc3',
      name: 'save_file',
    });
    expect((await peer.waitFor(() => peer.replyTo(refused))).result).toMatchObject({
      success: false,
      errorMessage: 'Lingma Gateway is not an IDE: tool save_file is not available',
    });
    peer.request('chat/finish', { requestId: rid2, statusCode: 200 });
    await d2;
  });
});
