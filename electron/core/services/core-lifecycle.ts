/**
 * The core's start and stop, in order, and what keeps running between them: settings applied
 * live, accounts restarted once Lingma arrives, the gateway status re-announced as counts change,
 * and switching the gateway on and off (a cold stop takes the children down too).
 */
import type { GatewayStatusDto } from '../../shared/dto';
import type { ApiKeyStore } from '../config/api-keys';
import type { LogService } from '../logs';
import type { PoolTuning } from '../pool/types';
import type { Logger } from '../util/logger';
import type { AccountService } from './account-service';
import type { BinaryService } from './binary-service';
import type { GatewayService } from './gateway-service';
import type { LoginFlow } from './login-flow';
import type { SettingsService } from './settings-service';

/** The pool as the lifecycle drives it. */
export interface LifecyclePool {
  setAccounts(accounts: []): Promise<void>;
  onChange(listener: () => void): () => void;
  configure(tuning: Partial<PoolTuning>): void;
  stop(): Promise<void>;
}

export interface LifecycleParts {
  logger: Logger;
  settings: SettingsService;
  keys: ApiKeyStore;
  accounts: AccountService;
  logins: LoginFlow;
  pool: LifecyclePool;
  reuse: { configure(o: { maxEntries: number; ttlMs: number }): void };
  logs: LogService;
  binary: BinaryService;
  gateway: GatewayService;
}

export class CoreLifecycle {
  private started = false;
  private readonly offs: Array<() => void> = [];

  constructor(private readonly p: LifecycleParts) {
    // Settings whose `apply` is `live` (shared/settings/spec.ts) and that live outside a getter.
    this.offs.push(
      p.settings.onChange((s, before) => {
        p.reuse.configure({
          maxEntries: s.sessionReuse.maxEntries,
          ttlMs: s.sessionReuse.ttlSeconds * 1000,
        });
        p.pool.configure({
          strategy: s.routing.strategy,
          maxConcurrentPerInstance: s.routing.maxConcurrentPerInstance,
          maxInFlight: s.routing.maxInFlight,
          queueTimeoutMs: s.routing.queueTimeoutMs,
        });
        if (s.lingma.binaryPath !== before.lingma.binaryPath) void p.binary.resolve();
      }),
    );
    // Accounts that could not start without Lingma start as soon as it is there.
    let hadBinary = false;
    this.offs.push(
      p.binary.onProgress((b) => {
        const has = b.state === 'found' && b.path !== undefined;
        if (has && !hadBinary && this.started) {
          void p.accounts
            .restartCrashed()
            .catch((err: unknown) => p.logger.warn('restart after install failed', { err }));
        }
        hadBinary = has;
      }),
    );
  }

  /**
   * Starts the enabled accounts' children and — when `gateway` is true, or by default when the
   * settings say so — the HTTP listener.
   */
  async start(options: { gateway?: boolean } = {}): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { p } = this;
    await p.logs.start();
    this.offs.push(p.pool.onChange(() => p.gateway.emit()));
    this.offs.push(p.accounts.watch((err) => p.logger.error('pool sync failed', { err })));
    const sub = p.logs.subscribe(() => p.gateway.emit());
    this.offs.push(() => sub.close());
    await p.binary.resolve();
    await p.accounts.sync();
    if (options.gateway ?? p.settings.get().app.startGatewayOnLaunch) await p.gateway.start();
  }

  /** Ordered shutdown: listener, then pool (every child), then keys and logs flushed. */
  async stop(): Promise<void> {
    const { p } = this;
    p.logins.dispose();
    // Requests get 2 s to finish; then the pool stops, which ends the open streams with a
    // terminal "shutting down" event, and the children go with it (bounded by their stop grace).
    await p.gateway
      .stop(2_000, () => p.pool.stop())
      .catch((err: unknown) => p.logger.warn('listener stop failed', { err }));
    await p.pool.stop().catch((err: unknown) => p.logger.warn('pool stop failed', { err }));
    await p.keys.flush().catch(() => undefined);
    await p.logs.stop().catch(() => undefined);
    for (const off of this.offs.splice(0)) off();
    this.started = false;
  }

  /** Switches the gateway on (children first, if a cold stop took them down). */
  async startGateway(): Promise<GatewayStatusDto> {
    if (this.started) await this.p.accounts.sync();
    return this.p.gateway.start();
  }

  /** Switches the gateway off; the children go too unless the user keeps them warm. */
  async stopGateway(): Promise<GatewayStatusDto> {
    const status = await this.p.gateway.stop();
    if (!this.p.settings.get().lingma.keepWarmWhenStopped) await this.p.pool.setAccounts([]);
    return status;
  }
}
