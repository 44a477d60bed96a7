import Store from 'electron-store';
import {
  defaultSettings,
  normalizeSettings,
  toPersisted,
  type GatewaySettings,
} from '../core/config/settings';
import type { SettingsRepo } from '../core/config/settings-repo';

/**
 * Settings in electron-store (atomic JSON in the user data dir). The core's normaliser is the
 * schema: it migrates older layouts, fills defaults and reports what it had to fix. A store file
 * that is not valid JSON is kept (electron-store's clearInvalidConfig is off) and reported.
 */
export function electronSettingsRepo(): SettingsRepo {
  let warnings: string[] = [];
  let store: Store<{ settings?: unknown }> | undefined;
  const open = (): Store<{ settings?: unknown }> => {
    store ??= new Store<{ settings?: unknown }>({
      name: 'settings',
      clearInvalidConfig: false,
      defaults: { settings: toPersisted(defaultSettings()) },
    });
    return store;
  };
  return {
    async load(): Promise<GatewaySettings> {
      try {
        const result = normalizeSettings(open().get('settings'));
        warnings = result.warnings;
        return result.settings;
      } catch (err) {
        warnings = [
          `Settings could not be read and defaults are in use: ${err instanceof Error ? err.message : String(err)}`,
        ];
        return defaultSettings();
      }
    },
    async save(settings: GatewaySettings): Promise<void> {
      open().set('settings', toPersisted(settings));
    },
    lastLoadWarnings: () => [...warnings],
  };
}
