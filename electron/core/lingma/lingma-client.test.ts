import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientConnectionEvent, LingmaClient } from './lingma-client';
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

describe('LingmaClient basics', () => {
  it('initializes LSP-style, then sends initialized', async () => {
    const init = params(peer.sent('initialize')[0]!);
    expect(init).toMatchObject({
      processId: null,
      rootUri: 'file:///tmp/lingma-ws',
      workspaceFolders: [{ uri: 'file:///tmp/lingma-ws', name: 'lingma-ws' }],
      capabilities: {},
    });
    await peer.waitFor(() => peer.sent('initialized').length === 1);
    expect(client.connected).toBe(true);
  });

  it('parses auth/status, merges models by key, falls back to auth/login', async () => {
    peer.handle('auth/status', () => ({ status: 2, name: 'a@b.c', id: 'u1', token: 'pt-x' }));
    peer.handle('config/queryModels', () => ({
      chat: [{ key: 'auto', displayName: 'Auto', isDefault: true }, { key: 'qwen' }],
      assistant: [
        { key: 'auto', displayName: 'Auto' },
        { key: 'think', isReasoning: true },
      ],
    }));
    peer.handle('login/generateUrl', () => undefined);
    peer.handle('auth/login', () => ({
      url: 'https://devops.aliyun.com/lingma/login?x=1',
      success: true,
    }));
    expect(await client.authStatus()).toMatchObject({
      loggedIn: true,
      status: 2,
      name: 'a@b.c',
      id: 'u1',
    });
    expect(await client.queryModels()).toEqual([
      {
        key: 'auto',
        displayName: 'Auto',
        isReasoning: false,
        isVl: false,
        isDefault: true,
        scenes: ['chat', 'assistant'],
        defaultFor: ['chat', 'assistant'],
      },
      {
        key: 'qwen',
        displayName: 'qwen',
        isReasoning: false,
        isVl: false,
        isDefault: false,
        scenes: ['chat'],
      },
      {
        key: 'think',
        displayName: 'think',
        isReasoning: true,
        isVl: false,
        isDefault: false,
        scenes: ['assistant'],
      },
    ]);
    const login = client.generateLoginUrl();
    const gen = await peer.waitFor(() => peer.sent('login/generateUrl')[0]);
    expect(gen.params).toEqual({ loginDedicatedType: '' });
    peer.send({ jsonrpc: '2.0', id: gen.id, error: { code: -32601, message: 'unknown method' } });
    expect((await login).loginUrl).toContain('devops.aliyun.com');
  });
});

describe('LingmaClient connection', () => {
  it('fails a turn promptly on connection loss, then reconnects and re-initializes', async () => {
    const events: ClientConnectionEvent[] = [];
    client.onConnectionEvent((e) => events.push(e));
    const done = collect(client.chat({ questionText: 'q' }));
    await ask();
    peer.dropClients();
    expect(((await done).error as LingmaError).code).toBe('connection_lost');
    await peer.waitFor(() => events.some((e) => e.type === 'reconnected'));
    expect(peer.sent('initialize')).toHaveLength(2);
    expect(client.connected).toBe(true);
    expect(events[0]?.type).toBe('disconnected');
  });
});
