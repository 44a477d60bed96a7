/**
 * Bootstrap progress events and their throttling. A 200 MB download arrives in thousands of
 * chunks; the UI only needs a new event when the shown percentage (or, without a total, the
 * shown megabytes) changes.
 */

/** Bootstrap phases, in the order they happen. */
export type BootstrapPhase = 'download' | 'extract' | 'verify' | 'done';

/**
 * One progress event. Within a phase `receivedBytes` and `percent` never decrease; phases follow
 * {@link BootstrapPhase} order. `percent` (0–100) is the phase's own progress; `totalBytes` is
 * set only when the phase knows its byte total up front.
 */
export interface BootstrapProgress {
  phase: BootstrapPhase;
  receivedBytes: number;
  totalBytes?: number;
  percent?: number;
}

const BYTE_STEP = 1024 * 1024;

/** Turns raw byte counts into throttled, monotonic {@link BootstrapProgress} events. */
export class ProgressEmitter {
  private last: BootstrapProgress | undefined;

  constructor(private readonly listener: (event: BootstrapProgress) => void = () => undefined) {}

  /** Reports progress; emits only if something visible changed (or `force`). */
  report(
    phase: BootstrapPhase,
    receivedBytes: number,
    totalBytes?: number,
    percent?: number,
    force = false,
  ): void {
    const previous = this.last?.phase === phase ? this.last : undefined;
    let shown = percent === undefined ? undefined : Math.floor(Math.min(100, Math.max(0, percent)));
    // Estimates can wobble (e.g. a stored and an inflated step); the bar must not go back.
    if (shown !== undefined && previous?.percent !== undefined) {
      shown = Math.max(shown, previous.percent);
    }
    const changed =
      !previous ||
      force ||
      shown !== previous.percent ||
      (shown === undefined && receivedBytes - previous.receivedBytes >= BYTE_STEP);
    if (!changed) return;
    const event: BootstrapProgress = { phase, receivedBytes };
    if (totalBytes !== undefined) event.totalBytes = totalBytes;
    if (shown !== undefined) event.percent = shown;
    this.last = event;
    try {
      this.listener(event);
    } catch {
      // A broken progress bar must not break the install it is showing.
    }
  }
}
