/**
 * The composition root: builds every core service from a data dir, an environment and the host's
 * adapters (settings storage, keyring). The Electron shell, the headless CLI and the browser-test
 * bridge all call this; nothing else wires services together.
 */
import { join } from 'node:path';
import { assembleCore, type Core } from './core-api';
import { importEnvAccounts } from './accounts/env-accounts';
import { openAccountStore } from './accounts/account-store';
import { openApiKeyStore } from './config/api-keys';
import { applyEnv } from './config/env';
import { createFileSettingsRepo } from './config/file-settings-repo';
import {
  createEncryptedFileVault,
  createFileVault,
  type SecretCrypto,
} from './config/secret-vault';
import type { SettingsRepo } from './config/settings-repo';
import { buildGatewayApp } from './gateway/app';
import { ChatEngine } from './chat/chat-engine';
import { toolPrompts, toolStages } from './tools/chat-seams';
import { estimateRequestTokens, estimateTextTokens } from './gateway/translate/tokens';
import { PidRegistry } from './lingma/pid-registry';
import { LingmaSupervisor } from './lingma/supervisor';
import { createLogService } from './logs';
import { createRedactor, registerSecret } from './logs/redact';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { createPool } from './pool';
import { SessionCache } from './pool/session-cache';
import { AccountService } from './services/account-service';
import { BinaryService } from './services/binary-service';
import { internalDeps } from './handlers/internal';
import { GatewayService } from './services/gateway-service';
import { SettingsService } from './services/settings-service';
import { createJsonLogger, type Logger } from './util/logger';
import { responsesRouter } from './gateway/routes/responses/route';

export interface CreateCoreOptions {
  /** Settings, secrets, accounts (with their workDirs), logs and downloaded binaries. */
  dataDir: string;
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Default: `<dataDir>/settings.json` (headless). The desktop passes electron-store. */
  settingsRepo?: SettingsRepo;
  /** The OS keyring; without one secrets sit in a 0600 file. */
  secretCrypto?: SecretCrypto;
  appVersion?: string;
}

export async function createCore(o: CreateCoreOptions): Promise<Core> {
  const env = o.env ?? process.env;
  const redact = createRedactor();
  const logger =
    o.logger ?? createJsonLogger({ level: env.LOG_LEVEL === 'debug' ? 'debug' : 'info', redact });

  const repo = o.settingsRepo ?? createFileSettingsRepo({ file: join(o.dataDir, 'settings.json') });
  const envResult = applyEnv(await repo.load(), env);
  for (const w of envResult.warnings) logger.warn(w);
  const settings = await SettingsService.open(repo, (s) => applyEnv(s, env).settings);
  for (const w of settings.loadWarnings) logger.warn(w);

  const vaultPath = join(o.dataDir, 'secrets.json');
  const onWarning = (m: string): void => logger.warn(m);
  const vault = o.secretCrypto
    ? createEncryptedFileVault(vaultPath, o.secretCrypto, { onWarning })
    : createFileVault(vaultPath, { onWarning });
  const keys = await openApiKeyStore({
    vault,
    envKeys: envResult.secrets.apiKeys,
    envAdminToken: envResult.secrets.adminToken,
    envMetricsToken: envResult.secrets.metricsToken,
    onError: (err) => logger.warn('api key store write failed', { err }),
  });
  for (const w of keys.warnings) logger.warn(w);
  const firstKey = await keys.ensureDefaultKey();
  if (firstKey.created)
    logger.info('created the first API key (copy it from the app or `keys reveal`)');
  for (const k of keys.list()) registerSecret(await keys.reveal(k.id).catch(() => ''));
  for (const t of [keys.adminToken(), keys.metricsToken()]) if (t) registerSecret(t);

  const accountStore = await openAccountStore({
    dataDir: o.dataDir,
    defaultWorkers: settings.get().routing.workersPerAccount,
  });
  for (const w of accountStore.warnings) logger.warn(w);
  if (envResult.accounts?.length) {
    const r = await importEnvAccounts(accountStore, envResult.accounts, {
      passphrase: env.LINGMA_BUNDLE_PASSPHRASE,
    });
    for (const w of r.warnings) logger.warn(w);
  }

  const logs = createLogService({
    dir: join(o.dataDir, 'logs'),
    maxBodyBytes: settings.get().logs.maxBodyBytes,
    retention: {
      maxAgeDays: settings.get().logs.retentionDays,
      maxTotalBytes: settings.get().logs.maxTotalMB * 1024 * 1024,
    },
    logger,
  });

  const reuse = new SessionCache({
    maxEntries: settings.get().sessionReuse.maxEntries,
    ttlMs: settings.get().sessionReuse.ttlSeconds * 1000,
  });
  // Children left behind by a gateway that crashed are ended before new ones start.
  const reaped = await new PidRegistry(join(o.dataDir, 'run')).reap().catch(() => []);
  if (reaped.length) logger.warn('ended Lingma processes left by a previous run', { pids: reaped });
  const binary = new BinaryService({
    dataDir: o.dataDir,
    settings: () => settings.get(),
    env,
    logger,
  });
  const pool = createPool({
    logger,
    sessionCache: reuse,
    strategy: settings.get().routing.strategy,
    maxConcurrentPerInstance: settings.get().routing.maxConcurrentPerInstance,
    maxInFlight: settings.get().routing.maxInFlight,
    queueTimeoutMs: settings.get().routing.queueTimeoutMs,
    supervisorFactory: (spec) =>
      new LingmaSupervisor({
        accountId: spec.instanceId,
        workDir: spec.workDir,
        binary: () => binary.ensure(),
        runtimeDir: join(o.dataDir, 'run'),
        env: env as NodeJS.ProcessEnv,
        logger: logger.child({ instance: spec.instanceId }),
        client: {
          // Tool hooks (and so pending upstream tools) give up after this; late results are dropped.
          handlerTimeoutMs: settings.get().tools.pendingTimeoutMs,
          // The engine's turn watchdog owns hang detection; the client's own idle timer is only
          // a backstop behind it.
          chat: {
            idleTimeoutMs: backstopIdleMs(settings.get().server),
            agentSessionType: settings.get().models.agentSessionType,
          },
          // Cosy (chat/ask) or ACP (session/prompt, the desktop app's binary), detected by default.
          flavour: settings.get().lingma.flavour,
        },
      }),
  });
  const accounts = new AccountService(accountStore, pool);
  const metrics = new GatewayMetrics({
    admission: () => pool.admissionStats(),
    instances: () => pool.snapshot(),
    reuse: () => reuse.stats(),
  });
  const engine = new ChatEngine({
    pool,
    sessions: reuse,
    prompts: toolPrompts(),
    tools: toolStages,
    logger,
    estimateInput: estimateRequestTokens,
    estimateText: estimateTextTokens,
    settings: () => {
      const s = settings.get();
      return {
        models: s.models,
        sessionReuse: s.sessionReuse.enabled,
        contextBudgetTokens: s.models.contextBudgetTokens,
        maxFailovers: 2,
        maxCrashReplays: 4,
        firstEventTimeoutMs: s.server.firstEventTimeoutMs,
        idleTimeoutMs: s.server.idleTimeoutMs,
        failoverOnTimeout: s.routing.failoverOnTimeout,
        correctiveRetries: s.tools.correctiveRetries,
        toolEmulation: s.tools.emulation,
        upstreamApproval: s.tools.upstreamApproval,
      };
    },
  });

  const chatDeps = {
    engine,
    logs,
    metrics,
    keepAliveMs: () => settings.get().server.keepAliveMs,
    touchKey: (id: string) => keys.touch(id),
  };
  const app = buildGatewayApp({
    ...chatDeps,
    logger,
    policy: {
      extraHosts: () => {
        const s = settings.get().server;
        return s.allowLan ? [s.host] : [];
      },
      allowedOrigins: () => settings.get().server.allowedOrigins,
    },
    maxBodyBytes: () => settings.get().server.maxBodyBytes,
    verifyKey: (k) => keys.verify(k),
    keyName: (id) => keys.list().find((k) => k.id === id)?.name,
    metricsToken: () => keys.metricsToken(),
    models: () => pool.models(),
    health: () => {
      const snap = pool.snapshot();
      const ready = snap.filter((i) => i.state === 'ready').length;
      return {
        ok: ready > 0,
        poolSize: snap.length,
        ready,
        instances: snap.map((i) => ({
          id: i.id,
          accountId: i.accountId,
          state: i.state,
          inFlight: i.inFlight,
        })),
      };
    },
    // `/internal` serves the same handlers as every other host (handlers/internal.ts).
    internal: internalDeps(() => core.services, {
      adminToken: () => keys.adminToken(),
      stats: () => ({
        pool: pool.stats(),
        admission: pool.admissionStats(),
        reuse: reuse.stats(),
        logs: logs.stats(),
      }),
      modelsRaw: async (id) => {
        const client = id
          ? pool.clientFor(id)
          : pool
              .snapshot()
              .map((i) => pool.clientFor(i.accountId))
              .find(Boolean);
        if (!client) return {};
        return client.request('config/queryModels', {});
      },
    }),
    extraRouters: [responsesRouter(chatDeps)],
  });
  const gateway = new GatewayService({
    handler: app,
    settings: () => settings.get(),
    logger,
    counts: () => {
      const list = accounts.list();
      const enabled = list.filter((a) => a.enabled);
      return {
        ready: enabled.filter((a) => a.state === 'ready').length,
        total: enabled.length,
        inFlight: pool.admissionStats().inFlight,
        requestsToday: requestsToday(logs),
      };
    },
  });

  const core = assembleCore({
    dataDir: o.dataDir,
    logger,
    secretsEncrypted: o.secretCrypto?.available ?? false,
    settings,
    keys,
    accounts,
    pool,
    reuse,
    logs,
    binary,
    gateway,
  });
  return core;
}

/** The Lingma client's idle timer sits behind the engine's watchdog so the watchdog fires first. */
function backstopIdleMs(s: { firstEventTimeoutMs: number; idleTimeoutMs: number }): number {
  const longest = Math.max(s.firstEventTimeoutMs, s.idleTimeoutMs);
  return longest > 0 ? longest + 30_000 : 0;
}

function requestsToday(logs: {
  usage(q: { days: number }): Array<{ day: string; requests: number }>;
}): number {
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return logs
    .usage({ days: 1 })
    .filter((r) => r.day === today)
    .reduce((s, r) => s + r.requests, 0);
}
