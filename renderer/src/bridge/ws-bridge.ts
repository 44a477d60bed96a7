/**
 * The browser-test bridge client: implements the same RendererApi as the Electron preload, over a
 * WebSocket to a test server that runs the real core. Only used when the page is opened with
 * `?bridge=ws://127.0.0.1:<port>/…` and no preload API exists (never in the packaged app).
 */
import {
  INVOKE_CHANNELS,
  listenerName,
  methodName,
  PUSH_CHANNELS,
  type RendererApi,
} from '../../../electron/shared/contract';

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}
interface Push {
  push: string;
  payload: unknown;
}

export function connectWsBridge(url: string): Promise<RendererApi> {
  const ws = new WebSocket(url);
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();

  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as Reply | Push;
    if ('push' in msg) {
      listeners.get(msg.push)?.forEach((l) => l(msg.payload));
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else
      p.reject(Object.assign(new Error(msg.error?.message ?? 'failed'), { code: msg.error?.code }));
  });
  ws.addEventListener('close', () => {
    for (const p of pending.values()) p.reject(new Error('bridge closed'));
    pending.clear();
  });

  const api: Record<string, unknown> = {};
  for (const channel of INVOKE_CHANNELS) {
    api[methodName(channel)] = (request?: unknown) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, channel, request: request ?? null }));
      });
  }
  for (const channel of PUSH_CHANNELS) {
    api[listenerName(channel)] = (listener: (p: unknown) => void) => {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set?.delete(listener);
    };
  }
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve(api as RendererApi), { once: true });
    ws.addEventListener(
      'error',
      () => reject(new Error(`cannot reach the test bridge at ${url}`)),
      {
        once: true,
      },
    );
  });
}
