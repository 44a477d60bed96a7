/**
 * Where settings live is the host's choice: a JSON file for the headless CLI
 * (file-settings-repo.ts), electron-store in the desktop shell, memory in tests. The core only
 * sees this interface.
 */
import { normalizeSettings, toPersisted } from './settings';
import type { GatewaySettings } from './settings-types';

/**
 * Persistent storage for settings. Implementations must return complete, valid settings from
 * `load()` (run the stored data through normalizeSettings) and must never lose what a user saved:
 * unreadable data is kept aside, not overwritten.
 */
export interface SettingsRepo {
  /** Reads the stored settings; defaults when nothing is stored. Never rejects on bad data. */
  load(): Promise<GatewaySettings>;
  /** Stores the settings durably (atomically for file-based stores). */
  save(settings: GatewaySettings): Promise<void>;
  /**
   * Problems the last `load()` found (corrupt data moved aside, fields reset, layout upgraded),
   * one user-readable line each. Optional so simple stores need not track them.
   */
  lastLoadWarnings?(): string[];
}

/** A repo that keeps settings in memory: for tests and for `--no-save` style runs. */
export function createMemorySettingsRepo(initial?: unknown): SettingsRepo {
  let warnings: string[] = [];
  let stored: unknown = initial === undefined ? undefined : structuredClone(initial);
  return {
    async load() {
      const result = normalizeSettings(stored);
      warnings = stored === undefined ? [] : result.warnings;
      return result.settings;
    },
    async save(settings) {
      stored = structuredClone(toPersisted(settings));
    },
    lastLoadWarnings: () => [...warnings],
  };
}
