/**
 * Settings as a JSON file, for the headless CLI (`~/.lingma-gateway/settings.json`). The file is
 * meant to be hand-editable, so a typo must cost the user nothing: a file that is not JSON is moved
 * aside as `settings.json.corrupt-<ts>`, and a file that parses but needed fixing or upgrading is
 * copied to `settings.json.bak-<ts>` right before the first save replaces it.
 */
import { copyAside, readJsonFile, WriteQueue, writeFileAtomic } from '../util/atomic-file';
import { defaultSettings, normalizeSettings, toPersisted } from './settings';
import type { SettingsRepo } from './settings-repo';
import { SETTINGS_SCHEMA_VERSION } from './settings-types';

export type { SettingsRepo } from './settings-repo';

/** Options for {@link createFileSettingsRepo}. */
export interface FileSettingsRepoOptions {
  /** Absolute path of the JSON file; its directory is created (0700) on first save. */
  file: string;
  /** Clock for the kept-aside file names. */
  now?: () => number;
}

/** A {@link SettingsRepo} over one JSON file with atomic writes. */
export function createFileSettingsRepo(options: FileSettingsRepoOptions): SettingsRepo {
  const now = options.now ?? Date.now;
  const queue = new WriteQueue();
  let warnings: string[] = [];
  // Set when the file on disk holds something the normalised settings do not (invalid fields,
  // an older layout): the next save keeps a copy before replacing it.
  let keepOriginal = false;

  return {
    load: () =>
      queue.run(async () => {
        const read = await readJsonFile(options.file, now());
        keepOriginal = false;
        if (read.kind === 'missing') {
          warnings = [];
          return defaultSettings();
        }
        if (read.kind === 'corrupt') {
          warnings = [
            `The settings file was not valid JSON (${read.reason}). It was kept as ${read.movedTo}; using defaults.`,
          ];
          return defaultSettings();
        }
        const result = normalizeSettings(read.value);
        warnings = result.warnings;
        keepOriginal = result.warnings.length > 0 || result.fromVersion !== SETTINGS_SCHEMA_VERSION;
        if (keepOriginal) {
          warnings.push(
            `A copy of the current settings file will be kept next to it (${options.file}.bak-<time>) when settings are next saved.`,
          );
        }
        return result.settings;
      }),

    save: (settings) =>
      queue.run(async () => {
        // Whatever the caller hands in, only valid settings reach the disk.
        const valid = normalizeSettings(toPersisted(settings)).settings;
        if (keepOriginal) {
          try {
            await copyAside(options.file, 'bak', now());
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          }
          keepOriginal = false;
        }
        const text = JSON.stringify(toPersisted(valid), null, 2) + '\n';
        await writeFileAtomic(options.file, text, { mode: 0o600 });
      }),

    lastLoadWarnings: () => [...warnings],
  };
}
