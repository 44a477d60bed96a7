import type { BinaryDownloadDto, BinaryStatusDto } from '../../shared/dto';
import type { GatewaySettings } from '../config/settings';
import {
  bootstrapLingmaBinary,
  checkForUpdate,
  LingmaBinaryError,
  resolveLingmaBinary,
  type BootstrapOptions,
  type ResolveResult,
} from '../lingma/binary';
import type { Logger } from '../util/logger';
import { SpeedMeter } from './download-speed';

export interface BinaryServiceOptions {
  dataDir: string;
  settings(): GatewaySettings;
  env: Record<string, string | undefined>;
  logger: Logger;
  /** Bootstrap overrides (tests: minimum sizes, fetch). */
  bootstrap?: Partial<BootstrapOptions>;
  now?: () => number;
}

const codeOf = (err: unknown): string => (err instanceof LingmaBinaryError ? err.code : 'unknown');

/**
 * Where the Lingma binary is, and getting one when there is none: resolve (setting, LINGMA_BIN,
 * caches, installed IDE plugins), else download and extract the VS Code extension, with size,
 * speed and cancel. A failed or cancelled download is remembered: starting an account then fails
 * at once with the same reason instead of silently downloading ~100 MB again on every restart;
 * the user retries explicitly (dashboard, Settings or the login flow).
 */
export class BinaryService {
  private state: BinaryStatusDto = { state: 'unknown' };
  private resolved: ResolveResult | undefined;
  private inflight: Promise<string> | undefined;
  private abort: AbortController | undefined;
  private readonly listeners = new Set<(s: BinaryStatusDto) => void>();
  private readonly now: () => number;

  constructor(private readonly o: BinaryServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  status(): BinaryStatusDto {
    return this.state;
  }

  onProgress(listener: (s: BinaryStatusDto) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks for an installed binary (no download). */
  async resolve(): Promise<ResolveResult> {
    const r = await this.lookup();
    this.apply(r, this.inflight !== undefined);
    return r;
  }

  private lookup(): Promise<ResolveResult> {
    return resolveLingmaBinary({
      settingPath: this.o.settings().lingma.binaryPath,
      appDataDir: this.o.dataDir,
      env: this.o.env,
      // The same HOME the children get (tests run the core with a temp one).
      ...(this.o.env.HOME ? { homeDir: this.o.env.HOME } : {}),
    });
  }

  private apply(r: ResolveResult, downloading: boolean): void {
    this.resolved = r;
    const { path: _p, version: _v, source: _s, error: _e, ...rest } = this.state;
    if (r.found) {
      const { failure: _f, cancelled: _c, ...kept } = rest;
      this.set({
        ...kept,
        state: downloading ? 'downloading' : 'found',
        path: r.path,
        ...(r.version ? { version: r.version } : {}),
        source: r.source,
      });
    } else if (r.reason === 'invalid-setting') {
      this.set({
        ...rest,
        state: 'failed',
        error: r.message,
        // Not a download problem: the path in Settings (or LINGMA_BIN) is wrong.
        failure: { code: 'bad-path', message: r.message, at: this.now() },
      });
    } else if (!downloading) {
      // A missing binary after a failed download stays "failed": the reason still holds.
      // A path setting that was fixed by clearing it is no longer a failure.
      const { failure, ...noFailure } = rest;
      this.set(
        failure && failure.code !== 'bad-path'
          ? { ...rest, state: 'failed', error: r.message }
          : { ...noFailure, state: 'missing', error: r.message },
      );
    }
  }

  /** The binary to spawn: resolved, or downloaded once when none is installed. */
  async ensure(): Promise<string> {
    const r = this.resolved?.found ? this.resolved : await this.resolve();
    if (r.found) return r.path;
    // A setting pointing at a bad path is the user's to fix; downloading would hide it.
    if (r.reason === 'invalid-setting') {
      throw Object.assign(new Error(r.message), { code: 'binary_missing' });
    }
    if (!this.inflight && (this.state.failure || this.state.cancelled)) {
      throw Object.assign(
        new Error(this.state.failure?.message ?? 'The Lingma download was cancelled.'),
        { code: 'binary_missing' },
      );
    }
    await this.download();
    if (!this.resolved?.found) {
      throw Object.assign(new Error(this.state.failure?.message ?? 'Lingma is not installed.'), {
        code: 'binary_missing',
      });
    }
    return this.resolved.path;
  }

  /** Downloads and installs the newest Lingma (one download at a time; joins a running one). */
  async download(): Promise<BinaryStatusDto> {
    if (!this.inflight) {
      this.inflight = this.bootstrap().finally(() => {
        this.inflight = undefined;
        this.abort = undefined;
      });
    }
    await this.inflight.catch(() => undefined);
    return this.state;
  }

  /** Stops a running download; the status says "cancelled", not "failed". */
  cancel(): BinaryStatusDto {
    this.abort?.abort(new LingmaBinaryError('aborted', 'The Lingma download was cancelled.'));
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
    const abort = new AbortController();
    this.abort = abort;
    const speed = new SpeedMeter(this.now);
    const { failure: _f, cancelled: _c, error: _e, ...rest } = this.state;
    this.set({ ...rest, state: 'downloading', download: { phase: 'download', receivedBytes: 0 } });
    try {
      const r = await bootstrapLingmaBinary({
        appDataDir: this.o.dataDir,
        version: 'latest',
        vsixUrl: this.o.settings().lingma.vsixUrl || undefined,
        env: this.o.env,
        logger: this.o.logger,
        ...this.o.bootstrap,
        signal: abort.signal,
        onProgress: (p) => {
          const rate = p.phase === 'download' ? speed.sample(p.receivedBytes) : undefined;
          const download: BinaryDownloadDto = { ...p, ...(rate ? { bytesPerSecond: rate } : {}) };
          this.set({ ...this.state, state: 'downloading', download });
        },
      });
      this.o.logger.info('lingma binary installed', { version: r.version, path: r.path });
      const { download: _d, ...done } = this.state;
      this.state = done;
      this.apply(await this.lookup(), false);
      return r.path;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const { download: _d, ...after } = this.state;
      if (abort.signal.aborted) {
        this.o.logger.info('lingma download cancelled');
        this.set({ ...after, state: after.path ? 'found' : 'missing', cancelled: true });
      } else {
        this.o.logger.warn('lingma download failed', { err });
        this.set({
          ...after,
          state: after.path ? 'found' : 'failed',
          error: message,
          failure: { code: codeOf(err), message, at: this.now() },
        });
      }
      throw err;
    }
  }

  private set(next: BinaryStatusDto): void {
    this.state = next;
    for (const l of this.listeners) l(next);
  }
}
