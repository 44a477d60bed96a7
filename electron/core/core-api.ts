/**
 * The core as its hosts see it — the Electron shell (through desktop/app-service.ts), the headless
 * CLI, `/internal` and the browser-test bridge — and how it is put together from the services
 * create-core.ts built. Hosts act on it only through the IPC contract's handlers (handlers/), so
 * one action has one implementation whoever asks; they hear about changes through the contract's
 * pushes.
 */
import { invokeApi, type InvokeApi, type InvokeHandlers, type PushFn } from '../shared/contract';
import type { ApiKeyStore } from './config/api-keys';
import { connectPushes, createHandlers } from './handlers';
import type { HostPorts } from './handlers/host';
import type { LogService } from './logs';
import type { AccountService } from './services/account-service';
import type { BinaryService } from './services/binary-service';
import { CoreLifecycle, type LifecyclePool } from './services/core-lifecycle';
import type { CoreServices } from './services/core-services';
import type { GatewayService } from './services/gateway-service';
import { LoginFlow, type LoginPool } from './services/login-flow';
import type { SettingsService } from './services/settings-service';
import type { Logger } from './util/logger';

export interface Core {
  readonly dataDir: string;
  /**
   * Starts the enabled accounts' children and — when `gateway` is true, or by default when the
   * settings say so — the HTTP listener.
   */
  start(options?: { gateway?: boolean }): Promise<void>;
  /** Ordered shutdown: logins, listener, pool (every child), then keys and logs flushed. */
  stop(): Promise<void>;
  /** The whole contract, served with what `host` lends (nothing: headless). */
  handlers(host?: HostPorts): InvokeHandlers;
  /** The same handlers as named functions (`api(host).accountsLogin({ id })`). */
  api(host?: HostPorts): InvokeApi;
  /** Forwards the core's events as the contract's pushes; returns the unsubscribe. */
  connect(push: PushFn, host?: HostPorts): () => void;
  /**
   * The services behind the handlers, for the composition root and tests that read state
   * synchronously. Hosts do not act through these.
   */
  readonly services: CoreServices;
}

/** What create-core.ts built, for the host side. */
export interface CoreParts {
  dataDir: string;
  logger: Logger;
  secretsEncrypted: boolean;
  settings: SettingsService;
  keys: ApiKeyStore;
  accounts: AccountService;
  pool: LoginPool & LifecyclePool & CoreServices['pool'];
  reuse: { configure(o: { maxEntries: number; ttlMs: number }): void };
  logs: LogService;
  binary: BinaryService;
  gateway: GatewayService;
}

export function assembleCore(p: CoreParts): Core {
  const logins = new LoginFlow({
    accounts: p.accounts,
    pool: p.pool,
    binary: p.binary,
    logger: p.logger,
  });
  const lifecycle = new CoreLifecycle({ ...p, logins });
  const services: CoreServices = { ...p, logins, lifecycle };
  return {
    dataDir: p.dataDir,
    services,
    start: (options) => lifecycle.start(options),
    stop: () => lifecycle.stop(),
    handlers: (host) => createHandlers(services, host),
    api: (host) => invokeApi(createHandlers(services, host)),
    connect: (push, host) => connectPushes(services, push, host),
  };
}
