/**
 * The host side of the composition root: from the services create-core.ts built, the login flow,
 * the lifecycle and the Core every host uses (its handlers, named calls and pushes).
 */
import { invokeApi } from '../shared/contract';
import type { ApiKeyStore } from './config/api-keys';
import type { Core } from './core-api';
import { connectPushes, createHandlers } from './handlers';
import type { LogService } from './logs';
import type { AccountService } from './services/account-service';
import type { BinaryService } from './services/binary-service';
import { CoreLifecycle, type LifecyclePool } from './services/core-lifecycle';
import type { CoreServices } from './services/core-services';
import type { GatewayService } from './services/gateway-service';
import { LoginFlow, type LoginPool } from './services/login-flow';
import type { SettingsService } from './services/settings-service';
import type { Logger } from './util/logger';

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
