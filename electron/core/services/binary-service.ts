import type { BinaryStatusDto } from '../../shared/dto';
import type { GatewaySettings } from '../config/settings';
import {
  bootstrapLingmaBinary,
  checkForUpdate,
  resolveLingmaBinary,
  type ResolveResult,
} from '../lingma/binary';
import type { Logger } from '../util/logger';

export interface BinaryServiceOptions {
  dataDir: string;
  settings(): GatewaySettings;
  env: Record<string, string | undefined>;
  logger: Logger;
}

/**
 * Where the Lingma binary is, and getting one when there is none: resolve (setting, LINGMA_BIN,
 * caches, installed IDE plugins), else download and extract the VS Code extension with progress.
 */
export class BinaryService {
  private state: BinaryStatusDto = {};
  private resolved: ResolveResult | undefined;
  private inflight: Promise<string> | undefined;
  private readonly listeners = new Set<(s: BinaryStatusDto) => void>();

  constructor(private readonly o: BinaryServiceOptions) {}

  status(): BinaryStatusDto {
    return this.state;
  }

  onProgress(listener: (s: BinaryStatusDto) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks for an installed binary (no download). */
  async resolve(): Promise<ResolveResult> {
    const r = await resolveLingmaBinary({
      settingPath: this.o.settings().lingma.binaryPath,
      appDataDir: this.o.dataDir,
      env: this.o.env,
    });
    this.resolved = r;
    this.set(
      r.found
        ? { ...this.state, path: r.path, version: r.version, source: r.source, error: undefined }
        : {
            ...this.state,
            path: undefined,
            version: undefined,
            source: undefined,
            error: r.message,
          },
    );
    return r;
  }

  /** The binary to spawn: resolved, or downloaded once when none is installed. */
  async ensure(): Promise<string> {
    const r = this.resolved?.found ? this.resolved : await this.resolve();
    if (r.found) return r.path;
    // A setting pointing at a bad path is the user's to fix; downloading would hide it.
    if (r.reason === 'invalid-setting')
      throw Object.assign(new Error(r.message), { code: 'binary_missing' });
    return this.download().then(() => {
      if (!this.resolved?.found) throw new Error(this.state.error ?? 'Lingma binary unavailable');
      return this.resolved.path;
    });
  }

  /** Downloads and installs the newest Lingma (one download at a time). */
  async download(): Promise<BinaryStatusDto> {
    if (!this.inflight) {
      this.inflight = this.bootstrap().finally(() => (this.inflight = undefined));
    }
    await this.inflight.catch(() => undefined);
    return this.state;
  }

  async checkUpdate(): Promise<BinaryStatusDto> {
    try {
      const r = await checkForUpdate({ installedVersion: this.state.version });
      this.set({
        ...this.state,
        latestVersion: r.latestVersion,
        updateAvailable: r.updateAvailable,
      });
    } catch (err) {
      this.set({
        ...this.state,
        error: `Update check failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
    return this.state;
  }

  private async bootstrap(): Promise<string> {
    this.set({
      ...this.state,
      error: undefined,
      download: { phase: 'download', receivedBytes: 0 },
    });
    try {
      const r = await bootstrapLingmaBinary({
        appDataDir: this.o.dataDir,
        version: 'latest',
        vsixUrl: this.o.settings().lingma.vsixUrl || undefined,
        env: this.o.env,
        logger: this.o.logger,
        onProgress: (p) => this.set({ ...this.state, download: { ...p } }),
      });
      this.o.logger.info('lingma binary installed', { version: r.version, path: r.path });
      this.set({ ...this.state, download: { phase: 'done', receivedBytes: 0, percent: 100 } });
      await this.resolve();
      return r.path;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.set({ ...this.state, error: message, download: { phase: 'error', receivedBytes: 0 } });
      throw err;
    }
  }

  private set(next: BinaryStatusDto): void {
    this.state = next;
    for (const l of this.listeners) l(next);
  }
}
