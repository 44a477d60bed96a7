/**
 * The core's services as the contract handlers (handlers/) see them. Built once by
 * create-core.ts; the handlers are the only way a host acts on them.
 */
import type { ApiKeyStore } from '../config/api-keys';
import type { LingmaModel } from '../lingma/types';
import type { LogService } from '../logs';
import type { InstanceSnapshot } from '../pool/types';
import type { Logger } from '../util/logger';
import type { AccountService } from './account-service';
import type { BinaryService } from './binary-service';
import type { CoreLifecycle } from './core-lifecycle';
import type { GatewayService } from './gateway-service';
import type { LoginFlow } from './login-flow';
import type { SettingsService } from './settings-service';

export interface CoreServices {
  /** Settings, secrets, accounts (with their workDirs), logs and downloaded binaries. */
  dataDir: string;
  logger: Logger;
  /** False when there is no OS keyring and secrets sit in a 0600 file. */
  secretsEncrypted: boolean;
  lifecycle: CoreLifecycle;
  settings: SettingsService;
  keys: ApiKeyStore;
  accounts: AccountService;
  logins: LoginFlow;
  gateway: GatewayService;
  binary: BinaryService;
  logs: LogService;
  /** What the pool shows hosts: its changes and the models of logged-in accounts. */
  pool: {
    onChange(listener: (snapshot: InstanceSnapshot[]) => void): () => void;
    models(): Promise<LingmaModel[]>;
  };
}
