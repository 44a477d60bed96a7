/**
 * Environment overrides, under the predecessor's variable names so an existing `.env` keeps
 * working with `npm run serve`. Applied on top of the stored settings at start; the result lists
 * the overridden setting paths so a host can show them as "set by environment" and avoid saving
 * them back as if the user had chosen them. Empty values count as unset (`ADMIN_TOKEN=` in a
 * `.env` file means "none").
 *
 * Mapped:
 * | variable                         | becomes                                                  |
 * |----------------------------------|----------------------------------------------------------|
 * | HOST                             | server.host (non-loopback also turns server.allowLan on)  |
 * | PORT                             | server.port                                              |
 * | API_KEYS (comma-separated)       | secrets.apiKeys: extra read-only API keys                |
 * | ADMIN_TOKEN / METRICS_TOKEN      | secrets.adminToken / secrets.metricsToken                |
 * | LOG_LEVEL                        | logLevel (DEBUG/INFO/WARNING/ERROR) for the host logger  |
 * | DEFAULT_MODEL / DEFAULT_ASK_MODE | models.defaultModel / models.askMode                     |
 * | GATEWAY_MAX_IN_FLIGHT            | routing.maxInFlight (<= 0 → 0 = no limit)                 |
 * | GATEWAY_QUEUE_TIMEOUT_SEC        | routing.queueTimeoutMs (seconds → ms)                    |
 * | LINGMA_BIN                       | lingma.binaryPath                                        |
 * | LINGMA_VSIX_URL, LINGMA_SOURCE_TYPE | lingma.vsixUrl (unless the source type is marketplace) |
 * | LINGMA_INSTANCE_COUNT            | routing.workersPerAccount = ceil(count / accounts)       |
 * | SESSION_REUSE_ENABLED            | sessionReuse.enabled                                     |
 * | SESSION_CACHE_MAX_ENTRIES        | sessionReuse.maxEntries                                  |
 * | SESSION_CACHE_TTL_SEC            | sessionReuse.ttlSeconds                                  |
 * | LINGMA_ACCOUNTS                  | accounts (names; per-account bundles), see env-accounts  |
 * | LINGMA_USERNAME                  | accounts: one account, when LINGMA_ACCOUNTS is empty     |
 * | LINGMA_SESSION_BUNDLE(_FILE)     | the bundle of that single account                        |
 *
 * Not applied (a warning names each one that is set), see {@link NOT_APPLIED} for why.
 */
import { cleanAccountName } from '../accounts/account-names';
import { fromEnvAccounts, type EnvAccount, type EnvBundleSource } from '../accounts/env-accounts';
import { applySettingsPatch, isLoopbackHost, type GatewaySettings } from './settings';

/** A process environment (or any subset of one). */
export type Env = Record<string, string | undefined>;

/** Secrets the environment supplies; each one locks the matching secret in the UI. */
export interface EnvSecrets {
  apiKeys?: string[];
  adminToken?: string;
  metricsToken?: string;
}

/** Result of {@link applyEnv}. */
export interface EnvOverrides {
  settings: GatewaySettings;
  secrets: EnvSecrets;
  /** Accounts to register (and bundles to import) via importEnvAccounts(). */
  accounts?: EnvAccount[];
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Setting paths the environment changed, e.g. `server.port`. */
  overridden: string[];
  warnings: string[];
}

/** The predecessor's variables that mean nothing here, and why. */
export const NOT_APPLIED: Readonly<Record<string, string>> = {
  DEDICATED_DOMAIN_URL: "an enterprise dedicated domain is chosen in Lingma's own login page",
  METRICS_PUBLIC: '/metrics never runs without a token; set METRICS_TOKEN instead',
  LINGMA_MARKETPLACE_PUBLISHER: 'the binary always comes from the official Lingma extension',
  LINGMA_MARKETPLACE_EXTENSION: 'the binary always comes from the official Lingma extension',
  LINGMA_BOOTSTRAP_ALWAYS: 'the binary is refreshed on demand (app or CLI), not at every start',
  LINGMA_FORCE_REFRESH: 'the binary is refreshed on demand (app or CLI), not at every start',
  LINGMA_WORK_DIR: 'each account has its own workDir; move a login over with a session bundle',
  LINGMA_SOCKET_PORT: 'each child gets free ports at start, so accounts never collide',
  LINGMA_STARTUP_TIMEOUT: 'process timeouts are fixed by the supervisor',
  LINGMA_RPC_TIMEOUT: 'process timeouts are fixed by the supervisor',
  LINGMA_PASSWORD: "Lingma's login is interactive; log the account in once instead",
  AUTO_LOGIN_ENABLED: 'there is no password-driven browser login; accounts log in once',
  AUTO_LOGIN_HEADLESS: 'there is no password-driven browser login; accounts log in once',
  AUTO_LOGIN_TIMEOUT: 'there is no password-driven browser login; accounts log in once',
  AUTO_LOGIN_MAX_RETRY: 'there is no password-driven browser login; accounts log in once',
  TOOL_FORWARD_ENABLED: 'request tools go through tool-call emulation (settings.tools.emulation)',
};

const LOG_LEVELS: Record<string, EnvOverrides['logLevel']> = {
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  critical: 'error',
};

function parseInt10(v: string): number | undefined {
  return /^[-+]?\d+$/.test(v) ? Number(v) : undefined;
}

function parseNumber(v: string): number | undefined {
  const n = Number(v);
  return v !== '' && Number.isFinite(n) ? n : undefined;
}

function parseBool(v: string): boolean | undefined {
  const s = v.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off'].includes(s)) return false;
  return undefined;
}

/** Overlays the environment on `settings`. Pure; never throws; bad values are warned and skipped. */
export function applyEnv(settings: GatewaySettings, env: Env): EnvOverrides {
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const warnings: string[] = [];
  const overridden: string[] = [];
  const secrets: EnvSecrets = {};
  let current = settings;

  const set = (name: string, value: unknown, patch: object, paths: string[]): void => {
    if (value === undefined) {
      warnings.push(`${name}="${get(name)}" is not a valid value; ignored.`);
      return;
    }
    const r = applySettingsPatch(current, patch);
    if (r.warnings.length > 0) {
      warnings.push(`${name} ignored: ${r.warnings.join(' ')}`);
      return;
    }
    current = r.settings;
    overridden.push(...paths);
  };

  const host = get('HOST');
  if (host !== undefined) {
    const lan = !isLoopbackHost(host);
    set('HOST', host, { server: lan ? { host, allowLan: true } : { host } }, ['server.host']);
    if (lan && current.server.host === host) {
      overridden.push('server.allowLan');
      warnings.push(
        `HOST=${host} makes the gateway reachable from other machines (allowLan is on).`,
      );
    }
  }
  const port = get('PORT');
  if (port !== undefined) {
    const n = parseInt10(port);
    set('PORT', n, { server: { port: n } }, ['server.port']);
  }

  const maxInFlight = get('GATEWAY_MAX_IN_FLIGHT');
  if (maxInFlight !== undefined) {
    const n = parseInt10(maxInFlight);
    const v = n === undefined ? undefined : Math.max(0, n);
    set('GATEWAY_MAX_IN_FLIGHT', v, { routing: { maxInFlight: v } }, ['routing.maxInFlight']);
  }
  const queueTimeout = get('GATEWAY_QUEUE_TIMEOUT_SEC');
  if (queueTimeout !== undefined) {
    const s = parseNumber(queueTimeout);
    const ms = s === undefined ? undefined : Math.round(s * 1000);
    set('GATEWAY_QUEUE_TIMEOUT_SEC', ms, { routing: { queueTimeoutMs: ms } }, [
      'routing.queueTimeoutMs',
    ]);
  }

  const bin = get('LINGMA_BIN');
  if (bin !== undefined)
    set('LINGMA_BIN', bin, { lingma: { binaryPath: bin } }, ['lingma.binaryPath']);
  const source = get('LINGMA_SOURCE_TYPE')?.toLowerCase();
  const vsix = get('LINGMA_VSIX_URL');
  if (source !== undefined && source !== 'marketplace' && source !== 'vsix') {
    warnings.push(`LINGMA_SOURCE_TYPE="${source}" is neither "marketplace" nor "vsix"; ignored.`);
  }
  if (vsix !== undefined && source === 'marketplace') {
    warnings.push(
      'LINGMA_VSIX_URL ignored: LINGMA_SOURCE_TYPE=marketplace selects the Marketplace.',
    );
  } else if (vsix !== undefined) {
    set('LINGMA_VSIX_URL', vsix, { lingma: { vsixUrl: vsix } }, ['lingma.vsixUrl']);
  } else if (source === 'vsix') {
    warnings.push('LINGMA_SOURCE_TYPE=vsix without LINGMA_VSIX_URL; using the Marketplace.');
  }

  const model = get('DEFAULT_MODEL');
  if (model !== undefined)
    set('DEFAULT_MODEL', model, { models: { defaultModel: model } }, ['models.defaultModel']);
  const askMode = get('DEFAULT_ASK_MODE')?.toLowerCase();
  if (askMode !== undefined)
    set('DEFAULT_ASK_MODE', askMode, { models: { askMode } }, ['models.askMode']);

  const reuse = get('SESSION_REUSE_ENABLED');
  if (reuse !== undefined) {
    const b = parseBool(reuse);
    set('SESSION_REUSE_ENABLED', b, { sessionReuse: { enabled: b } }, ['sessionReuse.enabled']);
  }
  const entries = get('SESSION_CACHE_MAX_ENTRIES');
  if (entries !== undefined) {
    const n = parseInt10(entries);
    set('SESSION_CACHE_MAX_ENTRIES', n, { sessionReuse: { maxEntries: n } }, [
      'sessionReuse.maxEntries',
    ]);
  }
  const ttl = get('SESSION_CACHE_TTL_SEC');
  if (ttl !== undefined) {
    const s = parseNumber(ttl);
    const v = s === undefined ? undefined : Math.round(s);
    set('SESSION_CACHE_TTL_SEC', v, { sessionReuse: { ttlSeconds: v } }, [
      'sessionReuse.ttlSeconds',
    ]);
  }

  const keys = get('API_KEYS');
  if (keys !== undefined) {
    const list = keys
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    const valid = list.filter((k) => /^[\x21-\x7e]{1,512}$/.test(k));
    if (valid.length < list.length) {
      warnings.push(
        `API_KEYS: ${list.length - valid.length} key(s) contain spaces or non-ASCII characters and were ignored.`,
      );
    }
    if (valid.length > 0) secrets.apiKeys = [...new Set(valid)];
  }
  const admin = get('ADMIN_TOKEN');
  if (admin !== undefined) secrets.adminToken = admin;
  const metrics = get('METRICS_TOKEN');
  if (metrics !== undefined) secrets.metricsToken = metrics;

  const level = get('LOG_LEVEL');
  const logLevel = level === undefined ? undefined : LOG_LEVELS[level.toLowerCase()];
  if (level !== undefined && !logLevel)
    warnings.push(`LOG_LEVEL="${level}" is not a known level; ignored.`);

  const accounts = envAccounts(get, warnings);
  const count = get('LINGMA_INSTANCE_COUNT');
  if (count !== undefined) {
    const n = parseInt10(count);
    const perAccount =
      n === undefined || n < 1
        ? undefined
        : Math.min(16, Math.ceil(n / Math.max(1, accounts?.length ?? 1)));
    set('LINGMA_INSTANCE_COUNT', perAccount, { routing: { workersPerAccount: perAccount } }, [
      'routing.workersPerAccount',
    ]);
  }

  for (const [name, why] of Object.entries(NOT_APPLIED)) {
    if (get(name) !== undefined) warnings.push(`${name} is not used by Lingma Gateway: ${why}.`);
  }
  return {
    settings: current,
    secrets,
    ...(accounts ? { accounts } : {}),
    ...(logLevel ? { logLevel } : {}),
    overridden,
    warnings,
  };
}

/** LINGMA_ACCOUNTS, or the single-account variables when it is empty (the predecessor's rule). */
function envAccounts(
  get: (name: string) => string | undefined,
  warnings: string[],
): EnvAccount[] | undefined {
  const list = get('LINGMA_ACCOUNTS');
  const username = get('LINGMA_USERNAME');
  const bundleFile = get('LINGMA_SESSION_BUNDLE_FILE');
  const bundleInline = get('LINGMA_SESSION_BUNDLE');
  if (list !== undefined) {
    const parsed = fromEnvAccounts(list);
    warnings.push(...parsed.warnings);
    const single = [
      'LINGMA_USERNAME',
      'LINGMA_SESSION_BUNDLE',
      'LINGMA_SESSION_BUNDLE_FILE',
    ].filter((n) => get(n));
    if (single.length > 0) warnings.push(`${single.join(', ')} ignored: LINGMA_ACCOUNTS is set.`);
    return parsed.accounts;
  }
  let bundle: EnvBundleSource | undefined;
  if (bundleFile !== undefined) bundle = { file: bundleFile };
  else if (bundleInline !== undefined) bundle = { inline: bundleInline };
  if (bundleFile !== undefined && bundleInline !== undefined) {
    warnings.push('LINGMA_SESSION_BUNDLE ignored: LINGMA_SESSION_BUNDLE_FILE is set.');
  }
  if (username === undefined && !bundle) return undefined;
  // A bundle alone was the predecessor's single-instance mode: its account gets a neutral name.
  const name = cleanAccountName(username ?? 'default');
  if (!name) {
    warnings.push('LINGMA_USERNAME is not a usable account name; ignored.');
    return undefined;
  }
  return [bundle ? { name, bundle } : { name }];
}
