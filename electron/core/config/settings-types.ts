/**
 * The gateway's persistent settings, as types. The shape, defaults and rules are described once in
 * electron/shared/settings/spec.ts; a part is named by indexing, e.g. `GatewaySettings['server']`.
 */
import type { SettingsValues } from '../../shared/settings';

/** Everything a user can configure. Secrets (keys, tokens) are not here: see secret-vault.ts. */
export type GatewaySettings = SettingsValues;

/** Version of the persisted settings layout written by this build. */
export const SETTINGS_SCHEMA_VERSION = 1;

/** Settings plus the layout version, as written to disk. */
export type PersistedSettings = GatewaySettings & { schemaVersion: number };
