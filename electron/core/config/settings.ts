/**
 * Settings: defaults, validation and patching. Pure: no I/O, never throws on bad input. Whatever
 * comes in (a file from an old build, a hand-edited file, a UI patch, environment overrides)
 * leaves as a complete, valid GatewaySettings plus warnings saying what was dropped or reset.
 */
import {
  isLoopbackHost,
  listenerChanged,
  SETTING_FIELDS,
  SETTINGS_SECTIONS,
  settingsDefaults,
} from '../../shared/settings';
import { isPlainObject, migrateSettings } from './settings-migrate';
import {
  SETTINGS_SCHEMA_VERSION,
  type GatewaySettings,
  type PersistedSettings,
} from './settings-types';

export * from './settings-types';
export { migrateSettings, type MigrationResult } from './settings-migrate';
export { isLoopbackHost, listenerChanged };

const DEFAULTS: GatewaySettings = settingsDefaults();

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

function validate(
  data: Record<string, unknown> | GatewaySettings,
  fallback: GatewaySettings,
  fallbackWord: string,
): { settings: GatewaySettings; warnings: string[] } {
  const warnings: string[] = [];
  const input = data as Record<string, unknown>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(input)) {
    if (!(SETTINGS_SECTIONS as string[]).includes(key)) {
      warnings.push(`Unknown setting "${key}" dropped.`);
    }
  }
  const given: Record<string, Record<string, unknown>> = {};
  for (const section of SETTINGS_SECTIONS) {
    const value = input[section];
    if (value !== undefined && !isPlainObject(value)) {
      warnings.push(`${section}: expected an object; ${fallbackWord}s.`);
    }
    given[section] = isPlainObject(value) ? value : {};
    for (const key of Object.keys(given[section])) {
      if (!SETTING_FIELDS.some((f) => f.section === section && f.name === key)) {
        warnings.push(`Unknown setting "${section}.${key}" dropped.`);
      }
    }
  }
  for (const field of SETTING_FIELDS) {
    const { section, name } = field;
    const base = (fallback[section] as Record<string, unknown>)[name];
    const value = given[section]?.[name];
    const fields = (out[section] ??= {});
    if (value === undefined) {
      fields[name] = structuredClone(base);
      continue;
    }
    const checked = field.check(value);
    if (checked.ok) {
      fields[name] = checked.value;
      for (const note of checked.notes ?? []) warnings.push(`${field.path}: ${note}.`);
    } else {
      fields[name] = structuredClone(base);
      warnings.push(`${field.path}: expected ${field.expected}; ${fallbackWord}.`);
    }
  }
  // Built field by field from SETTING_FIELDS, the description GatewaySettings is derived from.
  const settings = out as unknown as GatewaySettings;
  if (!settings.server.allowLan && !isLoopbackHost(settings.server.host)) {
    warnings.push(
      `server.host: "${settings.server.host}" is reachable from the network but server.allowLan is off; listening on 127.0.0.1.`,
    );
    settings.server.host = '127.0.0.1';
  }
  return { settings, warnings };
}
