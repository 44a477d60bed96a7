/**
 * Settings: defaults, validation and patching. Pure: no I/O, never throws on bad input. Whatever
 * comes in (a file from an old build, a hand-edited file, a UI patch, environment overrides)
 * leaves as a complete, valid GatewaySettings plus warnings saying what was dropped or reset.
 */
import { isPlainObject, migrateSettings } from './settings-migrate';
import {
  isLoopbackHost,
  SETTINGS_RULES,
  type FieldRule,
  type SectionName,
} from './settings-schema';
import {
  SETTINGS_SCHEMA_VERSION,
  type GatewaySettings,
  type PersistedSettings,
} from './settings-types';

export * from './settings-types';
export { migrateSettings, type MigrationResult } from './settings-migrate';
export { isLoopbackHost } from './settings-schema';

const DEFAULTS: GatewaySettings = {
  server: {
    host: '127.0.0.1',
    port: 8765,
    allowLan: false,
    allowedOrigins: [],
    maxBodyBytes: 10 * 1024 * 1024,
    keepAliveMs: 15_000,
    // 10× the usual 2–3 s to first token, PRED's per-RPC budget (§10); see chat/watchdog.ts.
    firstEventTimeoutMs: 30_000,
    // Below PRED's 90 s whole-stream cut, above the binary's remote retries (§8.1, §10).
    idleTimeoutMs: 60_000,
    // Well under the usual 1024 open files per process, with room for logs and children.
    maxConnections: 512,
  },
  lingma: { binaryPath: '', vsixUrl: '', keepWarmWhenStopped: true, flavour: 'auto' },
  routing: {
    strategy: 'least-busy',
    maxInFlight: 4,
    queueTimeoutMs: 30_000,
    // Parallel turns per child on distinct sessions: PRED ran up to 4 in production (§8.1).
    maxConcurrentPerInstance: 4,
    workersPerAccount: 1,
    failoverOnTimeout: false,
  },
  models: { defaultModel: '', aliases: {}, askMode: 'chat', agentSessionType: 'assistant' },
  sessionReuse: { enabled: true, maxEntries: 256, ttlSeconds: 1800 },
  tools: {
    emulation: true,
    correctiveRetries: 1,
    upstreamApproval: 'deny',
    pendingTimeoutMs: 300_000,
  },
  logs: { retentionDays: 14, maxTotalMB: 200, maxBodyBytes: 65_536 },
  app: { launchAtLogin: false, startGatewayOnLaunch: true, autoUpdate: true, updateFeedUrl: '' },
};

/** A fresh deep copy of the defaults (callers may mutate it). */
export function defaultSettings(): GatewaySettings {
  return structuredClone(DEFAULTS);
}

/** Result of normalising or patching settings. */
export interface SettingsResult {
  settings: GatewaySettings;
  /** One line per problem, naming the field (`server.port: …`). Empty when the input was clean. */
  warnings: string[];
  /** The layout version the input claimed; differs from the current one after a migration. */
  fromVersion: number;
}

/**
 * Turns anything (parsed JSON, `undefined`, junk) into valid settings: migrates old layouts,
 * drops unknown keys, replaces invalid values by defaults. Missing fields take their default
 * silently (a file from an older build simply lacks newer fields); everything else is a warning.
 */
export function normalizeSettings(raw: unknown): SettingsResult {
  const migrated = migrateSettings(raw);
  const { settings, warnings } = validate(migrated.data, DEFAULTS, 'using the default');
  return {
    settings,
    warnings: [...migrated.warnings, ...warnings],
    fromVersion: migrated.fromVersion,
  };
}

/**
 * Applies a partial update (from the UI or the environment) to valid settings. Sections merge
 * field by field; list and map fields (`allowedOrigins`, `aliases`) are replaced whole. An invalid
 * field keeps its current value, not the default, so a bad edit never resets a good setting.
 */
export function applySettingsPatch(current: GatewaySettings, patch: unknown): SettingsResult {
  const base = validate(current, DEFAULTS, 'using the default').settings;
  if (!isPlainObject(patch)) {
    return {
      settings: base,
      warnings: ['Settings update is not an object; nothing changed.'],
      fromVersion: SETTINGS_SCHEMA_VERSION,
    };
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [section, value] of Object.entries(patch)) {
    const old = (base as unknown as Record<string, unknown>)[section];
    merged[section] =
      isPlainObject(value) && isPlainObject(old) ? { ...old, ...value } : (value as unknown);
  }
  const { settings, warnings } = validate(merged, base, 'keeping the current value');
  return { settings, warnings, fromVersion: SETTINGS_SCHEMA_VERSION };
}

/** What gets written to disk: the settings plus the layout version. */
export function toPersisted(settings: GatewaySettings): PersistedSettings {
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, ...settings };
}

/** Changes to these fields only take effect when the HTTP listener is restarted. */
export function listenerChanged(before: GatewaySettings, after: GatewaySettings): boolean {
  const a = before.server;
  const b = after.server;
  return a.host !== b.host || a.port !== b.port || a.allowLan !== b.allowLan;
}

function validate(
  data: Record<string, unknown> | GatewaySettings,
  fallback: GatewaySettings,
  fallbackWord: string,
): { settings: GatewaySettings; warnings: string[] } {
  const warnings: string[] = [];
  const input = data as Record<string, unknown>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(input)) {
    if (!(key in SETTINGS_RULES)) warnings.push(`Unknown setting "${key}" dropped.`);
  }
  for (const section of Object.keys(SETTINGS_RULES) as SectionName[]) {
    const rules = SETTINGS_RULES[section] as Record<string, FieldRule>;
    const base = fallback[section] as unknown as Record<string, unknown>;
    let given = input[section];
    if (given !== undefined && !isPlainObject(given)) {
      warnings.push(`${section}: expected an object; ${fallbackWord}s.`);
      given = undefined;
    }
    const values = (given ?? {}) as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(values)) {
      if (!(key in rules)) warnings.push(`Unknown setting "${section}.${key}" dropped.`);
    }
    for (const [field, rule] of Object.entries(rules)) {
      const value = values[field];
      if (value === undefined) {
        result[field] = structuredClone(base[field]);
        continue;
      }
      const checked = rule.check(value);
      if (checked.ok) {
        result[field] = checked.value;
        for (const note of checked.notes ?? []) warnings.push(`${section}.${field}: ${note}.`);
      } else {
        result[field] = structuredClone(base[field]);
        warnings.push(`${section}.${field}: expected ${rule.expected}; ${fallbackWord}.`);
      }
    }
    out[section] = result;
  }
  // Built field by field from SETTINGS_RULES, whose type is keyed on GatewaySettings.
  const settings = out as unknown as GatewaySettings;
  if (!settings.server.allowLan && !isLoopbackHost(settings.server.host)) {
    warnings.push(
      `server.host: "${settings.server.host}" is reachable from the network but server.allowLan is off; listening on 127.0.0.1.`,
    );
    settings.server.host = '127.0.0.1';
  }
  return { settings, warnings };
}
