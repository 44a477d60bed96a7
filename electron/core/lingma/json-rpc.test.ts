import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonRpcConnection } from './json-rpc';
import { FakePeer } from './testing/fake-peer';
import { LingmaError } from './types';
import { dialWebSocket } from './ws-transport';

let peer: FakePeer;
let rpc: JsonRpcConnection;

beforeEach(async () => {
  peer = await FakePeer.start();
  rpc = new JsonRpcConnection(await dialWebSocket(peer.url, { timeoutMs: 2_000 }), {
    requestTimeoutMs: 5_000,
    handlerTimeoutMs: 300,
  });
  await peer.waitFor(() => peer.sockets.length === 1);
});

afterEach(async () => {
  rpc.close();
  await peer.close();
});

describe('JsonRpcConnection', () => {
  it('matches responses to requests by numeric id, out of order', async () => {
    peer.handle('slow', () => undefined);
    peer.handle('echo', (p) => ({ echoed: p }));
    const slow = rpc.request('slow', { n: 1 });
    await expect(rpc.request('echo', { n: 2 })).resolves.toEqual({ echoed: { n: 2 } });
    const sent = await peer.waitFor(() => peer.sent('slow')[0]);
    expect(typeof sent.id).toBe('number');
    peer.reply(sent.id, 'late');
    await expect(slow).resolves.toBe('late');
  });

  it('turns an error response into LingmaError rpc_error with the code', async () => {
    peer.handle('bad', () => undefined);
    const p = rpc.request('bad');
    const msg = await peer.waitFor(() => peer.sent('bad')[0]);
    peer.send({
      jsonrpc: '2.0',
      id: msg.id,
      error: { code: -32601, message: 'unknown method: bad' },
    });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LingmaError);
    expect((err as LingmaError).code).toBe('rpc_error');
    expect((err as LingmaError).details.code).toBe(-32601);
  });

  it('times out a call and ignores its late answer', async () => {
    peer.handle('never', () => undefined);
    const err = await rpc.request('never', {}, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect((err as LingmaError).code).toBe('timeout');
    peer.reply(peer.sent('never')[0]!.id, 'too late');
    await expect(rpc.request('ping')).resolves.toBeNull();
  });

  it('aborts a call through its AbortSignal', async () => {
    peer.handle('never', () => undefined);
    const ac = new AbortController();
    const p = rpc.request('never', {}, { signal: ac.signal });
    ac.abort();
    expect(((await p.catch((e: unknown) => e)) as LingmaError).code).toBe('aborted');
  });

  it('answers every incoming request: null by default, handler results, handler errors', async () => {
    rpc.handle('tool/invoke', (p) => ({ got: p }));
    rpc.handle('boom', () => {
      throw new Error('handler exploded');
    });
    rpc.handle('async-boom', async () => Promise.reject(new Error('async exploded')));
    rpc.handle('hang', () => new Promise(() => undefined));
    const ids = {
      unknown: peer.request('chat/answer', { text: 'x' }),
      tool: peer.request('tool/invoke', { name: 'read_file' }),
      boom: peer.request('boom', {}),
      asyncBoom: peer.request('async-boom', {}),
      hang: peer.request('hang', {}),
      stringId: 'str-7',
    };
    peer.send({ jsonrpc: '2.0', id: 'str-7', method: 'session/title/update', params: {} });
    const replies = await peer.waitFor(() => {
      const r = Object.values(ids).map((id) =>
        peer.messages.find((m) => m.id === id && m.method === undefined),
      );
      return r.every(Boolean) ? r : undefined;
    });
    const [unknown, tool, boom, asyncBoom, hang, stringId] = replies;
    expect(unknown).toMatchObject({ jsonrpc: '2.0', result: null });
    expect(tool).toMatchObject({ result: { got: { name: 'read_file' } } });
    expect(boom).toMatchObject({ error: { code: -32603, message: 'handler exploded' } });
    expect(asyncBoom).toMatchObject({ error: { message: 'async exploded' } });
    expect(hang).toMatchObject({ error: { code: -32603 } });
    expect(stringId).toMatchObject({ id: 'str-7', result: null });
  });

  it('delivers notifications to handlers without replying', async () => {
    const seen: unknown[] = [];
    rpc.handle('chat/answer', (p, ctx) => void seen.push([p, ctx.id]));
    peer.notifyClient('chat/answer', { text: 'n' });
    await peer.waitFor(() => seen.length === 1);
    expect(seen[0]).toEqual([{ text: 'n' }, undefined]);
    await expect(rpc.request('ping')).resolves.toBeNull();
    expect(peer.messages.filter((m) => m.method === undefined)).toEqual([]);
  });

  it('survives malformed frames and bad JSON', async () => {
    peer.sendRaw('garbage without header');
    peer.sendRaw('Content-Length: 5\r\n\r\n{oops');
    peer.sendRaw('Content-Length: 4\r\n\r\n[1,2');
    await expect(rpc.request('ping')).resolves.toBeNull();
  });

  it('fails every pending call with connection_lost when the socket dies', async () => {
    peer.handle('never', () => undefined);
    const closed = new Promise<LingmaError>((resolve) => rpc.onClose(resolve));
    const pending = [rpc.request('never', {}, { timeoutMs: 0 }), rpc.request('never')];
    await peer.waitFor(() => peer.sent('never').length === 2);
    peer.dropClients();
    const errors = await Promise.all(pending.map((p) => p.catch((e: unknown) => e)));
    expect(errors.map((e) => (e as LingmaError).code)).toEqual([
      'connection_lost',
      'connection_lost',
    ]);
    expect((await closed).code).toBe('connection_lost');
    expect(((await rpc.request('x').catch((e: unknown) => e)) as LingmaError).code).toBe(
      'not_connected',
    );
  });
});
