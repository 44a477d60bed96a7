/**
 * Shared setup for client tests: a FakePeer that answers `initialize` (and never acks `chat/ask`
 * unless a test scripts it), an initialized LingmaClient connected to it, and small readers.
 */
import { LingmaClient, type LingmaClientOptions } from '../lingma-client';
import type { ChatEvent, ChatTurn } from '../types';
import { FakePeer, type PeerMessage } from './fake-peer';

export interface ClientFixture {
  peer: FakePeer;
  client: LingmaClient;
  /** The i-th `chat/ask` the client sent (waits for it). */
  ask(i?: number): Promise<PeerMessage>;
  close(): Promise<void>;
}

export async function startClientFixture(
  options: Partial<LingmaClientOptions> = {},
): Promise<ClientFixture> {
  const peer = await FakePeer.start();
  peer.handle('initialize', () => ({ serverInfo: { name: 'lingma', version: '2.11.1' } }));
  peer.handle('chat/ask', () => undefined);
  const client = new LingmaClient({
    url: peer.url,
    workspaceDir: '/tmp/lingma-ws',
    chat: { idleTimeoutMs: 3_000, stepEndIdleMs: 150, stopTimeoutMs: 500 },
    reconnect: { attempts: 3, delayMs: 50 },
    ...options,
  });
  await client.connect({ deadlineMs: 2_000 });
  await client.initialize();
  return {
    peer,
    client,
    ask: (i = 0) => peer.waitFor(() => peer.sent('chat/ask')[i]),
    close: async () => {
      await client.close();
      await peer.close();
    },
  };
}

/** Reads a turn to its end: the events, and the error it threw if any. */
export async function collect(turn: ChatTurn): Promise<{ events: ChatEvent[]; error?: unknown }> {
  const events: ChatEvent[] = [];
  try {
    for await (const ev of turn) events.push(ev);
    return { events };
  } catch (error) {
    return { events, error };
  }
}

export const params = (m: PeerMessage): Record<string, unknown> =>
  m.params as Record<string, unknown>;
