import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import type { Logger } from '../util/logger';
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
 * The HTTP listener, separate from the app so the tray can switch it off and on while the pool
 * (and the Lingma children) stay warm. Stopping lets requests in flight finish for a grace period,
 * then ends them.
 */
export class GatewayServer {
  private server: Server | undefined;
  private addr: ListeningAddress | undefined;
  private readonly active = new Set<import('node:net').Socket>();

  constructor(
    private readonly handler: RequestListener,
    private readonly logger: Logger,
  ) {}

  get address(): ListeningAddress | undefined {
    return this.addr;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
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
    const server = createServer({ keepAliveTimeout: 5_000, requestTimeout: 0 }, this.handler);
    server.on('connection', (socket) => {
      this.active.add(socket);
      socket.on('close', () => this.active.delete(socket));
    });
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
    this.addr = { host: a.address, port: a.port, url: `http://${urlHost}:${a.port}` };
    this.logger.info('gateway listening', { url: this.addr.url });
    return this.addr;
  }

  /** Stops accepting, lets in-flight requests run for `graceMs`, then closes what is left. */
  async stop(graceMs = 5_000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.addr = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      server.closeAllConnections();
      for (const s of this.active) s.destroy();
    }, graceMs);
    await closed;
    clearTimeout(timer);
    this.logger.info('gateway stopped');
  }
}
