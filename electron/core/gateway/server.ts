import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RequestListener } from 'node:http';
import type { Logger } from '../util/logger';
import { answerClientError } from './client-error';
import { ConnectionGuard } from './connection-guard';
import { isLoopbackHost } from './middleware/host-origin';

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${port} on ${host} is already in use. Choose another port in Settings.`);
    this.name = 'PortInUseError';
  }
}

export interface ListenOptions {
  host: string;
  port: number;
}

export interface ListeningAddress {
  host: string;
  port: number;
  /** Base URL clients use, e.g. http://127.0.0.1:8765 */
  url: string;
}

/**
 * Connection timeouts. Headers: 10 s is far beyond any real client on loopback or a LAN and ends
 * idle or trickling (slowloris) sockets. Request: the whole request, body included, within 60 s
 * (a 10 MiB body needs well under a second locally); it does not limit streamed responses.
 * Keep-alive: 5 s between requests, the common proxy default.
 */
export const CONNECTION_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
  /** How often Node checks the two timeouts above. */
  connectionsCheckingInterval: 1_000,
};

export interface GatewayServerOptions {
  /** Open sockets kept before idle ones are closed (read at every new connection). */
  maxConnections?: () => number;
  timeouts?: Partial<typeof CONNECTION_TIMEOUTS>;
}

/**
 * The HTTP listener, separate from the app so the tray can switch it off and on while the pool
 * (and the Lingma children) stay warm. Stopping lets requests in flight finish for a grace period,
 * then ends them.
 */
export class GatewayServer {
  private server: Server | undefined;
  private addr: ListeningAddress | undefined;
  private guard: ConnectionGuard | undefined;

  constructor(
    private readonly handler: RequestListener,
    private readonly logger: Logger,
    private readonly options: GatewayServerOptions = {},
  ) {}

  get address(): ListeningAddress | undefined {
    return this.addr;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** Sockets closed to make room since the listener started (for tests and diagnostics). */
  get evicted(): ConnectionGuard['evicted'] | undefined {
    return this.guard?.evicted;
  }

  async start(options: ListenOptions): Promise<ListeningAddress> {
    if (this.server && this.addr) return this.addr;
    if (!isLoopbackHost(options.host)) {
      this.logger.warn(
        'gateway bound beyond loopback: other machines on the network can reach it',
        {
          host: options.host,
        },
      );
    }
    const guard = new ConnectionGuard(this.options.maxConnections ?? (() => 512));
    const server = createServer(
      { ...CONNECTION_TIMEOUTS, ...this.options.timeouts },
      (req, res) => {
        const done = guard.begin(req.socket);
        res.once('close', done);
        this.handler(req, res);
      },
    );
    server.on('connection', (socket: Socket) => guard.accept(socket));
    server.on('clientError', (err, socket) => answerClientError(err, socket));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        reject(err.code === 'EADDRINUSE' ? new PortInUseError(options.host, options.port) : err);
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(options.port, options.host);
    });
    server.on('error', (err) => this.logger.error('gateway server error', { err }));
    const a = server.address() as AddressInfo;
    const urlHost = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    this.server = server;
    this.guard = guard;
    this.addr = { host: a.address, port: a.port, url: `http://${urlHost}:${a.port}` };
    this.logger.info('gateway listening', { url: this.addr.url });
    return this.addr;
  }

  /**
   * Stops accepting, lets in-flight requests run for `graceMs`, then runs `beforeForce` (on quit:
   * stopping the pool, which ends open streams with a terminal error event) and gives those last
   * frames up to a second before closing what is left.
   */
  async stop(graceMs = 5_000, beforeForce?: () => Promise<void>): Promise<void> {
    const server = this.server;
    const guard = this.guard;
    if (!server) return;
    this.server = undefined;
    this.addr = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const inTime = await settlesWithin(closed, graceMs);
    if (!inTime) {
      await beforeForce?.().catch((err: unknown) => {
        this.logger.warn('shutdown step failed', { err });
      });
      if (!(await settlesWithin(closed, 1_000))) {
        server.closeAllConnections();
        for (const s of guard?.all() ?? []) s.destroy();
      }
      await closed;
    }
    this.logger.info('gateway stopped');
  }
}

function settlesWithin(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([p.then(() => true), late]).finally(() => clearTimeout(timer));
}
