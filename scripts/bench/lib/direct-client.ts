/**
 * The direct path: the project's own LingmaClient (JSON-RPC over the framed WebSocket) dialling
 * the very simulator children the gateway uses, one connection each — the same upstream work
 * without the HTTP layer, routing, translation and request log.
 */
import { performance } from 'node:perf_hooks';
import { LingmaClient } from '../../../electron/core/lingma/lingma-client';
import type { Upstream } from './proc-protocol';

export interface TurnResult {
  ttfbMs: number;
  totalMs: number;
  /** Non-empty answer deltas received. */
  deltas: number;
}

export async function connectDirect(upstreams: readonly Upstream[]): Promise<LingmaClient[]> {
  return Promise.all(
    upstreams.map(async (u) => {
      const client = new LingmaClient({ url: u.url, workspaceDir: u.workDir });
      await client.connect({ deadlineMs: 10_000 });
      await client.initialize();
      return client;
    }),
  );
}

/** One chat/ask turn, timed like a gateway request: first answer text, then the finish. */
export async function runTurn(
  client: LingmaClient,
  questionText: string,
  modelKey: string,
): Promise<TurnResult> {
  const started = performance.now();
  let ttfb = Number.NaN;
  let deltas = 0;
  for await (const ev of client.chat({ questionText, modelKey })) {
    if (ev.type === 'text' && ev.text) {
      if (Number.isNaN(ttfb)) ttfb = performance.now() - started;
      deltas++;
    } else if (ev.type === 'finish' && ev.statusCode !== 200) {
      throw new Error(`direct turn failed: ${ev.statusCode} ${ev.reason}`);
    }
  }
  return { ttfbMs: ttfb, totalMs: performance.now() - started, deltas };
}

export async function closeDirect(clients: readonly LingmaClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close()));
}
