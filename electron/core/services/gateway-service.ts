import { createServer } from 'node:net';
import type { RequestListener } from 'node:http';
import type { GatewayStatusDto } from '../../shared/dto';
import type { GatewaySettings } from '../config/settings';
import { GatewayServer, PortInUseError } from '../gateway/server';
import type { Logger } from '../util/logger';

export interface GatewayServiceOptions {
  handler: RequestListener;
  settings(): GatewaySettings;
  logger: Logger;
  counts(): { ready: number; total: number; inFlight: number; requestsToday: number };
}

/** A free port near `from` on `host`, to offer when the configured one is taken. */
export async function suggestPort(host: string, from: number): Promise<number | undefined> {
  for (let port = from + 1; port < from + 50 && port < 65536; port += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, host, () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  return undefined;
}

/**
 * The HTTP listener's lifecycle and status, as the tray and dashboard show it. Start/stop only
 * touch the listener: the pool (and its logged-in children) is managed separately.
 */
export class GatewayService {
  private readonly server: GatewayServer;
  private error: string | undefined;
  private suggested: number | undefined;
  private starting = false;
  private readonly listeners = new Set<(s: GatewayStatusDto) => void>();

  constructor(private readonly o: GatewayServiceOptions) {
    this.server = new GatewayServer(o.handler, o.logger, {
      maxConnections: () => o.settings().server.maxConnections,
    });
  }

  status(): GatewayStatusDto {
    const s = this.o.settings().server;
    const addr = this.server.address;
    const c = this.o.counts();
    const listening = this.server.listening;
    const state = this.starting
      ? 'starting'
      : this.error
        ? 'error'
        : !listening
          ? 'stopped'
          : c.total === 0 || c.ready < c.total
            ? 'degraded'
            : 'running';
    return {
      state,
      listening,
      host: addr?.host ?? s.host,
      port: addr?.port ?? s.port,
      baseUrl: addr?.url ?? null,
      ...(this.error ? { error: this.error } : {}),
      ...(this.suggested !== undefined ? { suggestedPort: this.suggested } : {}),
      readyAccounts: c.ready,
      totalAccounts: c.total,
      inFlight: c.inFlight,
      requestsToday: c.requestsToday,
    };
  }

  async start(): Promise<GatewayStatusDto> {
    if (this.server.listening) return this.status();
    const s = this.o.settings().server;
    this.starting = true;
    this.error = undefined;
    this.suggested = undefined;
    this.emit();
    try {
      await this.server.start({ host: s.host, port: s.port });
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      if (err instanceof PortInUseError) this.suggested = await suggestPort(s.host, s.port);
      this.o.logger.error('gateway failed to start', { err });
    } finally {
      this.starting = false;
      this.emit();
    }
    return this.status();
  }

  /** `beforeForce` runs when requests outlive the grace (on quit: stop the pool first). */
  async stop(graceMs = 5_000, beforeForce?: () => Promise<void>): Promise<GatewayStatusDto> {
    this.error = undefined;
    this.suggested = undefined;
    await this.server.stop(graceMs, beforeForce);
    this.emit();
    return this.status();
  }

  /** Re-announces the status (accounts or counters changed). */
  emit(): void {
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  onChange(listener: (s: GatewayStatusDto) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
