import type { LogEntryDto, ModelDto, SettingsDto } from '../../shared/dto';
import type { AccountStore } from '../accounts/account-store';
import type { ApiKeyStore } from '../config/api-keys';
import type { CoreApi } from '../core-api';
import type { LogService } from '../logs';
import { toSummary } from '../logs';
import type { SessionCache } from '../pool/session-cache';
import type { InstanceSnapshot, PoolAccount } from '../pool/types';
import { defaultModel } from '../lingma/default-model';
import type { LingmaClientApi, LingmaModel } from '../lingma/types';
import type { Logger } from '../util/logger';
import type { AccountService } from './account-service';
import type { BinaryService } from './binary-service';
import type { GatewayService } from './gateway-service';
import type { SettingsService } from './settings-service';
import { runTestRequest } from './test-request';

export interface FacadePool {
  setAccounts(accounts: PoolAccount[]): Promise<void>;
  snapshot(): InstanceSnapshot[];
  onChange(listener: (snapshot: InstanceSnapshot[]) => void): () => void;
  models(): Promise<LingmaModel[]>;
  clientFor(accountId: string): LingmaClientApi | null;
  configure?(tuning: {
    strategy?: string;
    maxConcurrentPerInstance?: number;
    maxInFlight?: number;
    queueTimeoutMs?: number;
  }): void;
  stop(): Promise<void>;
}

export interface FacadeParts {
  dataDir: string;
  logger: Logger;
  settings: SettingsService;
  keys: ApiKeyStore;
  accounts: AccountService;
  accountStore: AccountStore;
  pool: FacadePool;
  reuse: SessionCache;
  logs: LogService;
  binary: BinaryService;
  gateway: GatewayService;
}

function listeners<T>() {
  const set = new Set<(v: T) => void>();
  return {
    add(l: (v: T) => void): () => void {
      set.add(l);
      return () => set.delete(l);
    },
    emit(v: T): void {
      for (const l of set) l(v);
    },
  };
}

const toModelDto = (m: LingmaModel): ModelDto => ({
  id: m.key,
  name: m.displayName || m.key,
  reasoning: m.isReasoning,
  vision: m.isVl,
});

/** Implements CoreApi over the services: lifecycle, events and the DTO views. */
export function buildCoreApi(p: FacadeParts): CoreApi {
  const accountsChanged = listeners<ReturnType<AccountService['list']>>();
  const offs: Array<() => void> = [];
  let started = false;

  const announceAccounts = (): void => {
    accountsChanged.emit(p.accounts.list());
    p.gateway.emit();
  };

  // Settings that apply live.
  offs.push(
    p.settings.onChange((s, before) => {
      p.reuse.configure({
        maxEntries: s.sessionReuse.maxEntries,
        ttlMs: s.sessionReuse.ttlSeconds * 1000,
      });
      p.pool.configure?.({
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
  offs.push(
    p.binary.onProgress((b) => {
      const has = b.state === 'found' && b.path !== undefined;
      if (has && !hadBinary && started) {
        void p.accounts
          .restartCrashed()
          .catch((err: unknown) => p.logger.warn('restart after install failed', { err }));
      }
      hadBinary = has;
    }),
  );

  const api: CoreApi = {
    dataDir: p.dataDir,

    async start(options = {}) {
      if (started) return;
      started = true;
      await p.logs.start();
      offs.push(p.pool.onChange(() => announceAccounts()));
      offs.push(p.accounts.watch((err) => p.logger.error('pool sync failed', { err })));
      const sub = p.logs.subscribe(() => p.gateway.emit());
      offs.push(() => sub.close());
      await p.binary.resolve();
      await p.accounts.sync();
      if (options.gateway ?? p.settings.get().app.startGatewayOnLaunch) await p.gateway.start();
    },

    async stop() {
      // Requests get 2 s to finish; then the pool stops, which ends the open streams with a
      // terminal "shutting down" event, and the children go with it (bounded by their stop grace).
      await p.gateway
        .stop(2_000, () => p.pool.stop())
        .catch((err: unknown) => p.logger.warn('listener stop failed', { err }));
      await p.pool.stop().catch((err: unknown) => p.logger.warn('pool stop failed', { err }));
      await p.keys.flush().catch(() => undefined);
      await p.logs.stop().catch(() => undefined);
      for (const off of offs.splice(0)) off();
      started = false;
    },

    gatewayStatus: () => p.gateway.status(),
    async startGateway() {
      if (started) await p.accounts.sync();
      return p.gateway.start();
    },
    async stopGateway() {
      const status = await p.gateway.stop();
      // Cold stop: the children go too unless the user keeps them warm.
      if (!p.settings.get().lingma.keepWarmWhenStopped) await p.pool.setAccounts([]);
      return status;
    },
    onGatewayChange: (l) => p.gateway.onChange(l),

    listAccounts: () => p.accounts.list(),
    addAccount: (name) => p.accounts.add(name),
    removeAccount: (id, deleteData) => p.accounts.remove(id, deleteData),
    setAccountEnabled: (id, enabled) => p.accounts.setEnabled(id, enabled),
    logoutAccount: (id) => p.accounts.logout(id),
    beginLogin: (id) => p.accounts.beginLogin(id),
    waitForLogin: (id, o) => p.accounts.waitForLogin(id, o),
    completeLoginPaste: (id, pasted) => p.accounts.completeLoginPaste(id, pasted),
    exportBundle: (id, pass) => p.accounts.exportBundle(id, pass),
    importBundle: (id, data, pass) => p.accounts.importBundle(id, data, pass),
    onAccountsChange: (l) => accountsChanged.add(l),

    listKeys: async () => p.keys.list(),
    async createKey(name) {
      const { info, key } = await p.keys.create(name);
      const { registerSecret } = await import('../logs/redact');
      registerSecret(key);
      return { key: info, secret: key };
    },
    revokeKey: (id) => p.keys.revoke(id),
    revealKey: (id) => p.keys.reveal(id),

    getSettings: () => p.settings.get() as SettingsDto,
    updateSettings: (patch) => p.settings.update(patch),
    onSettingsChange: (l) => p.settings.onChange((s) => l(s)),

    listModels: async () => (await p.pool.models()).map(toModelDto),

    queryLogs: async (q) => p.logs.query(q),
    async getLog(id) {
      const e = await p.logs.get(id);
      return e ? ({ ...e, ...toSummary(e) } as unknown as LogEntryDto) : null;
    },
    async exportLogs(ids) {
      const r = ids ? await p.logs.export(ids) : await p.logs.exportAll();
      return { json: r.json, count: r.count };
    },
    logStats: async (q) => p.logs.statsOverTime(q),
    usage: async (days) => ({ rows: p.logs.usage({ days }) }),
    onLogs: (l) => {
      const sub = p.logs.subscribe(l);
      return () => sub.close();
    },

    binaryStatus: () => p.binary.status(),
    checkBinaryUpdate: () => p.binary.checkUpdate(),
    downloadBinary: () => p.binary.download(),
    cancelBinaryDownload: async () => p.binary.cancel(),
    onBinaryProgress: (l) => p.binary.onProgress(l),

    async runTest(req) {
      const first = p.keys.list()[0];
      const key = first ? await p.keys.reveal(first.id) : undefined;
      const models = await p.pool.models();
      const fallback =
        defaultModel(models, { configured: p.settings.get().models.defaultModel })?.key ?? '';
      return runTestRequest(p.gateway.status().baseUrl, key, req, fallback);
    },
  };
  return api;
}
