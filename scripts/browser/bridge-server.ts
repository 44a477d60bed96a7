/**
 * The browser-test bridge: serves the built renderer over HTTP and the IPC contract over a
 * WebSocket, both backed by the REAL desktop app service and core. The renderer opened with
 * `?bridge=ws://…/bridge` behaves exactly as in Electron, minus the preload.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { InvokeChannel } from '../../electron/shared/contract';
import { INVOKE_CHANNELS } from '../../electron/shared/contract';
import { errorToDto } from '../../electron/shared/envelope';
import { validateRequest } from '../../electron/shared/validate';
import type { AppService } from '../../electron/core/desktop/app-service';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface Bridge {
  /** The page to open, with the bridge parameter set. */
  pageUrl: string;
  close(): Promise<void>;
}

export async function startBridge(service: AppService, rendererDir: string): Promise<Bridge> {
  const root = normalize(rendererDir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  const wss = new WebSocketServer({ server, path: '/bridge' });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    const off = service.connect((channel, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ push: channel, payload }));
    });
    ws.on('close', () => {
      off();
      sockets.delete(ws);
    });
    ws.on('message', async (raw) => {
      let id = 0;
      try {
        const msg = JSON.parse(String(raw)) as { id: number; channel: string; request: unknown };
        id = msg.id;
        if (!(INVOKE_CHANNELS as readonly string[]).includes(msg.channel))
          throw new Error('unknown channel');
        const channel = msg.channel as InvokeChannel;
        const request = validateRequest(channel, msg.request ?? undefined);
        const handler = service.handlers[channel] as (r: unknown) => Promise<unknown>;
        ws.send(JSON.stringify({ id, ok: true, result: (await handler(request)) ?? null }));
      } catch (err) {
        ws.send(JSON.stringify({ id, ok: false, error: errorToDto(err) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    pageUrl: `http://127.0.0.1:${port}/index.html?bridge=${encodeURIComponent(`ws://127.0.0.1:${port}/bridge`)}`,
    close: async () => {
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
