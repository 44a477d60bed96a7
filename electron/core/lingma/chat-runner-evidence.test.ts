/**
 * The client behaviours the protocol notes' evidence asks for (§8.1, §8.2, §9): chat/ask params,
 * a result that comes at once, late or never, reasoning inside answers, approvals and the
 * trailing REQUEST_FINISHED sync. Scripted against a FakePeer so each rule is pinned exactly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LingmaClient } from './lingma-client';
import { collect, params, startClientFixture, type ClientFixture } from './testing/client-fixture';
import type { FakePeer, PeerMessage } from './testing/fake-peer';
import type { ChatEvent } from './types';

let fx: ClientFixture;
let peer: FakePeer;
let client: LingmaClient;
const ask = (i = 0): Promise<PeerMessage> => fx.ask(i);

beforeEach(async () => {
  fx = await startClientFixture();
  ({ peer, client } = fx);
});
afterEach(() => fx.close());

const texts = (events: ChatEvent[], type: 'text' | 'think'): string =>
  events
    .filter((e) => e.type === type)
    .map((e) => (e.type === 'text' || e.type === 'think' ? e.text : ''))
    .join('');

describe('chat/ask params (§8.1)', () => {
  it('sends FREE_INPUT everywhere; follow-ups add isReply + the finish sessionId; agent is mode agent', async () => {
    void collect(client.chat({ questionText: 'new', sessionId: 'stale' }));
    void collect(client.chat({ questionText: 'again', sessionId: 'sess-1', isReply: true }));
    void collect(client.chat({ questionText: 'tools', mode: 'agent' }));
    void collect(
      client.chat({ questionText: 'dev', mode: 'agent', agentSessionType: 'developer' }),
    );
    const [a, b, c, d] = (await Promise.all([0, 1, 2, 3].map((i) => ask(i).then(params)))) as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(a).toMatchObject({ chatTask: 'FREE_INPUT', isReply: false, sessionId: '' });
    expect(a).toMatchObject({ mode: 'chat', sessionType: 'chat' });
    expect(b).toMatchObject({ chatTask: 'FREE_INPUT', isReply: true, sessionId: 'sess-1' });
    expect(c).toMatchObject({ mode: 'agent', sessionType: 'assistant', chatTask: 'FREE_INPUT' });
    expect(c.extra).toMatchObject({ sessionType: 'assistant' });
    expect(d).toMatchObject({ mode: 'agent', sessionType: 'developer' });
    for (const p of [a, b, c, d]) expect(p.chatTask).not.toBe('REPLY_TASK');
  });
});

describe('the chat/ask result (§8.1, §13.4)', () => {
  it('streams with pushes before, without, or after the result, and ignores a late refusal', async () => {
    const never = client.chat({ questionText: 'never' });
    const late = client.chat({ questionText: 'late' });
    const refusedLate = client.chat({ questionText: 'refused late' });
    const done = [collect(never), collect(late), collect(refusedLate)];
    const [m0, m1, m2] = await Promise.all([ask(0), ask(1), ask(2)]);
    for (const t of [never, late, refusedLate]) {
      peer.request('chat/answer', { requestId: t.requestId, sessionId: 's', text: 'x' });
    }
    // A refusal once the turn is visibly running is ignored (the pushes win).
    await peer.waitFor(() => peer.messages.filter((m) => m.result === null).length >= 3);
    peer.reply(m2.id, { requestId: refusedLate.requestId, success: false, errorMessage: 'busy' });
    for (const t of [never, late, refusedLate]) {
      peer.request('chat/finish', { requestId: t.requestId, sessionId: 's', statusCode: 200 });
    }
    const results = await Promise.all(done);
    // The result of `late` arrives after its finish: nothing happens.
    peer.reply(m1.id, { requestId: late.requestId, isSuccess: true });
    expect(m0.id).toBeDefined();
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(r.events.at(-1)).toMatchObject({ type: 'finish', statusCode: 200, fullAnswer: 'x' });
    }
  });
});

describe('reasoning inside chat/answer (§8.2)', () => {
  it('splits a think:: fence across deltas and an overwrite, and keeps it out of fullAnswer', async () => {
    const turn = client.chat({ questionText: 'q' });
    const done = collect(turn);
    await ask();
    const rid = turn.requestId;
    const deltas = [
      '\n``',
      '``think::{THI',
      'NK_TIME}\nstep one',
      ' and two\n`',
      '```\nThe',
      ' end',
    ];
    for (const text of deltas) peer.request('chat/answer', { requestId: rid, text });
    const full = deltas.join('');
    peer.request('chat/answer', { requestId: rid, text: full, overwrite: true });
    peer.request('chat/finish', { requestId: rid, statusCode: 200, fullAnswer: full });
    const { events } = await done;
    expect(texts(events, 'think')).toBe('step one and two');
    expect(events.filter((e) => e.type === 'text').at(-1)).toEqual({
      type: 'text',
      text: 'The end',
      overwrite: true,
    });
    expect(events.at(-1)).toMatchObject({ type: 'finish', fullAnswer: 'The end' });
  });

  it('treats the rest of a fence still open at finish as reasoning', async () => {
    const turn = client.chat({ questionText: 'q' });
    const done = collect(turn);
    await ask();
    const text = '\n````think::1200\ncut off mid-';
    peer.request('chat/answer', { requestId: turn.requestId, text });
    peer.request('chat/finish', { requestId: turn.requestId, statusCode: 200, fullAnswer: text });
    const { events } = await done;
    expect(texts(events, 'think')).toBe('cut off mid-');
    expect(texts(events, 'text')).toBe('');
    expect(events.at(-1)).toMatchObject({ type: 'finish', fullAnswer: '' });
  });

  it('plays a finish-only answer out with its <think> part as reasoning', async () => {
    const turn = client.chat({ questionText: 'q' });
    const done = collect(turn);
    await ask();
    peer.request('chat/finish', {
      requestId: turn.requestId,
      statusCode: 200,
      fullAnswer: '<think>hidden</think>\n\nshown',
    });
    const { events } = await done;
    expect(events.map((e) => e.type)).toEqual(['think', 'text', 'finish']);
    expect(texts(events, 'text')).toBe('shown');
  });
});

describe('tool approvals and states (§9)', () => {
  it('approves a PENDING tool once, in the exact shape, whatever case the state comes in', async () => {
    const turn = client.chat({ questionText: 'q', mode: 'agent', toolApproval: 'approve' });
    const done = collect(turn);
    await ask();
    const rid = turn.requestId;
    const sync = { sessionId: 's', requestId: rid, toolCallId: 'tc1', parameters: {} };
    peer.request('tool/call/sync', { ...sync, toolCallStatus: 'pending' });
    peer.request('tool/call/sync', { ...sync, toolCallStatus: 'PENDING' });
    const approve = await peer.waitFor(() => peer.sent('tool/call/approve')[0]);
    expect(params(approve)).toEqual({
      sessionId: 's',
      requestId: rid,
      toolCallId: 'tc1',
      approval: true,
    });
    expect(approve.id).toBeDefined(); // the request form, the only one proven (CLAW)
    // Without requestId, a message is routed by its toolCallId.
    peer.request('tool/call/sync', {
      sessionId: 's',
      toolCallId: 'tc1',
      toolCallStatus: 'running',
    });
    peer.request('chat/finish', { requestId: rid, sessionId: 's', statusCode: 200 });
    const { events } = await done;
    const states = events.flatMap((e) =>
      e.type === 'tool' && e.message.method === 'tool/call/sync'
        ? [e.message.params.toolCallStatus]
        : [],
    );
    expect(states).toEqual(['PENDING', 'PENDING', 'RUNNING']);
    expect(peer.sent('tool/call/approve')).toHaveLength(1);
  });

  it('rejects with approval false, and answers the trailing REQUEST_FINISHED quietly', async () => {
    const turn = client.chat({ questionText: 'q', mode: 'agent', toolApproval: 'reject' });
    const done = collect(turn);
    await ask();
    const rid = turn.requestId;
    peer.request('tool/call/sync', {
      sessionId: 's',
      requestId: rid,
      toolCallId: 'tc9',
      toolCallStatus: 'PENDING',
    });
    const approve = await peer.waitFor(() => peer.sent('tool/call/approve')[0]);
    expect(params(approve).approval).toBe(false);
    peer.request('chat/finish', { requestId: rid, sessionId: 's', statusCode: 200 });
    const { events, error } = await done;
    expect(error).toBeUndefined();
    const trailing = peer.request('tool/call/sync', {
      sessionId: 's',
      requestId: rid,
      toolCallId: '',
      toolCallStatus: 'REQUEST_FINISHED',
    });
    expect((await peer.waitFor(() => peer.replyTo(trailing))).result).toBeNull();
    expect(events.filter((e) => e.type === 'finish')).toHaveLength(1);
  });
});
