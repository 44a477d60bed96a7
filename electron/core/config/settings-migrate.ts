/**
 * Upgrades persisted settings from older layouts to the current one, one version at a time.
 * Each step is a pure function from the old plain object to the next layout, so any old file
 * walks the whole chain and no step needs to know about versions other than its own.
 */
import { SETTINGS_SCHEMA_VERSION } from './settings-types';

type Plain = Record<string, unknown>;

/** A step from version N to N+1. Notes are reported to the user as warnings. */
type Migration = (data: Plain) => { data: Plain; notes: string[] };

/** Result of {@link migrateSettings}. */
export interface MigrationResult {
  /** The data in the current layout (still unvalidated; `schemaVersion` removed). */
  data: Plain;
  /** The version the input claimed (0 when it had none). */
  fromVersion: number;
  warnings: string[];
}

export function isPlainObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Version 0 is the flat layout of the first development builds: `{ host, port, binaryPath,
 * maxInFlight, queueTimeoutSec, defaultModel, sessionReuse: boolean, … }`. Version 1 nests
 * everything by area. Each flat key has exactly one home; `queueTimeoutSec` also changes unit.
 */
const V0_FLAT_KEYS: Record<string, { to: [string, string]; map?: (v: unknown) => unknown }> = {
  host: { to: ['server', 'host'] },
  port: { to: ['server', 'port'] },
  allowLan: { to: ['server', 'allowLan'] },
  binaryPath: { to: ['lingma', 'binaryPath'] },
  vsixUrl: { to: ['lingma', 'vsixUrl'] },
  strategy: { to: ['routing', 'strategy'] },
  maxInFlight: { to: ['routing', 'maxInFlight'] },
  queueTimeoutSec: {
    to: ['routing', 'queueTimeoutMs'],
    map: (v) => (typeof v === 'number' ? Math.round(v * 1000) : v),
  },
  defaultModel: { to: ['models', 'defaultModel'] },
  askMode: { to: ['models', 'askMode'] },
  sessionReuseMaxEntries: { to: ['sessionReuse', 'maxEntries'] },
  sessionReuseTtlSeconds: { to: ['sessionReuse', 'ttlSeconds'] },
  launchAtLogin: { to: ['app', 'launchAtLogin'] },
};

const v0ToV1: Migration = (input) => {
  const data: Plain = {};
  const notes: string[] = [];
  // Nested sections that already exist are kept: a v1 file that lost its version still loads.
  for (const [key, value] of Object.entries(input)) {
    const flatReuse = key === 'sessionReuse' && typeof value === 'boolean';
    if (!(key in V0_FLAT_KEYS) && !flatReuse) data[key] = value;
  }
  const put = (section: string, field: string, value: unknown, from: string): void => {
    const target = isPlainObject(data[section]) ? { ...(data[section] as Plain) } : {};
    if (field in target) {
      notes.push(`"${from}" ignored: "${section}.${field}" is also set`);
      return;
    }
    target[field] = value;
    data[section] = target;
  };
  for (const [key, rule] of Object.entries(V0_FLAT_KEYS)) {
    if (key in input) put(rule.to[0], rule.to[1], (rule.map ?? ((v) => v))(input[key]), key);
  }
  // v0 had `sessionReuse: true|false`; v1 has a section with the same name.
  if (typeof input.sessionReuse === 'boolean') {
    put('sessionReuse', 'enabled', input.sessionReuse, 'sessionReuse');
  }
  return { data, notes };
};

/** MIGRATIONS[n] upgrades version n to n + 1. */
const MIGRATIONS: readonly Migration[] = [v0ToV1];

/**
 * Brings `raw` to the current layout. Never throws: anything that is not an object becomes `{}`
 * with a warning, and a file from a newer build is read as if current (unknown fields are then
 * reported by normalizeSettings).
 */
export function migrateSettings(raw: unknown): MigrationResult {
  const warnings: string[] = [];
  if (!isPlainObject(raw)) {
    warnings.push('Settings are not a JSON object; using defaults.');
    return { data: {}, fromVersion: SETTINGS_SCHEMA_VERSION, warnings };
  }
  const { schemaVersion, ...rest } = raw;
  let version: number;
  if (schemaVersion === undefined) {
    version = 0;
  } else if (typeof schemaVersion === 'number' && Number.isInteger(schemaVersion)) {
    version = schemaVersion;
  } else {
    warnings.push('"schemaVersion" is not an integer; reading the file as the oldest layout.');
    version = 0;
  }
  const fromVersion = version;
  if (version > SETTINGS_SCHEMA_VERSION) {
    warnings.push(
      `Settings were written by a newer version (layout ${version}); fields this version does not know are ignored.`,
    );
    return { data: rest, fromVersion, warnings };
  }
  let data: Plain = rest;
  for (version = Math.max(version, 0); version < SETTINGS_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) break;
    const out = step(data);
    data = out.data;
    warnings.push(...out.notes.map((n) => `Upgrading settings from layout ${version}: ${n}.`));
  }
  return { data, fromVersion, warnings };
}
