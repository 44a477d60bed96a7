/**
 * A loopback pass-through in front of the gateway that records what a real client sent (method,
 * path, headers, JSON body) and what came back (status, headers, the start of the body). The CLI
 * tests assert on it, and it is where the request fixtures are captured from.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  /** Path and query, e.g. `/v1/messages?beta=true`. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body ('' for none, the raw text when it is not JSON). */
  body: unknown;
  status?: number;
  responseHeaders?: IncomingHttpHeaders;
  /** The first {@link MAX_RECORDED} characters of the response body. */
  responseText: string;
}

const MAX_RECORDED = 256 * 1024;

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

function parseBody(raw: string): unknown {
  if (raw === '') return '';
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Starts a proxy to `target` (the gateway's base URL, e.g. `http://127.0.0.1:1234`). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const to = new URL(target);
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const exchange: Exchange = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: parseBody(raw.toString('utf8')),
        responseText: '',
      };
      exchanges.push(exchange);
      const upstream = request(
        {
          host: to.hostname,
          port: to.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: to.host },
        },
        (up) => {
          exchange.status = up.statusCode;
          exchange.responseHeaders = up.headers;
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.on('data', (c: Buffer) => {
            if (exchange.responseText.length < MAX_RECORDED)
              exchange.responseText += c.toString('utf8');
            res.write(c);
          });
          up.on('end', () => res.end());
        },
      );
      // The client gave up: so does the gateway (it cancels the upstream turn).
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.on('error', (err) => {
        if (res.headersSent) return void res.destroy();
        exchange.status = 502;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`recording proxy: ${err.message}`);
      });
      upstream.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
