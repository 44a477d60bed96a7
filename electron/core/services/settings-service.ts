import type { SettingsResultDto } from '../../shared/dto';
import { applySettingsPatch, listenerChanged, type GatewaySettings } from '../config/settings';
import type { SettingsRepo } from '../config/settings-repo';

/**
 * The live settings: one in-memory copy every component reads through `get()`, changed only by
 * `update()` (validated, persisted, then announced). Environment overrides are applied on top at
 * load and are not written back, so a one-off `PORT=…` never sticks.
 */
export class SettingsService {
  private current: GatewaySettings;
  /** What the user saved, without environment overrides: the only thing ever written back. */
  private stored: GatewaySettings;
  private readonly listeners = new Set<(s: GatewaySettings, before: GatewaySettings) => void>();

  private constructor(
    private readonly repo: SettingsRepo,
    stored: GatewaySettings,
    private readonly overrides: (s: GatewaySettings) => GatewaySettings,
    readonly loadWarnings: string[],
  ) {
    this.stored = stored;
    this.current = overrides(stored);
  }

  static async open(
    repo: SettingsRepo,
    overrides: (s: GatewaySettings) => GatewaySettings = (s) => s,
  ): Promise<SettingsService> {
    const stored = await repo.load();
    return new SettingsService(repo, stored, overrides, repo.lastLoadWarnings?.() ?? []);
  }

  get(): GatewaySettings {
    return this.current;
  }

  async update(patch: unknown): Promise<SettingsResultDto> {
    const before = this.current;
    const result = applySettingsPatch(this.stored, patch);
    await this.repo.save(result.settings);
    this.stored = result.settings;
    this.current = this.overrides(result.settings);
    for (const l of this.listeners) l(this.current, before);
    return {
      settings: this.current,
      warnings: result.warnings,
      restartNeeded: listenerChanged(before, this.current),
    };
  }

  onChange(listener: (s: GatewaySettings, before: GatewaySettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
