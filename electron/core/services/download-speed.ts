/**
 * Download speed over a sliding window: the rate the user sees should follow the connection
 * (a stall shows as a falling rate) without jumping on every chunk.
 */
export class SpeedMeter {
  private readonly samples: Array<{ at: number; bytes: number }> = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = 3_000,
  ) {}

  /** Records the byte count now; returns bytes per second, or undefined until 0.5 s of data. */
  sample(bytes: number): number | undefined {
    const at = this.now();
    const last = this.samples.at(-1);
    // A new phase (extract) counts its own bytes from 0: start over rather than go negative.
    if (last && bytes < last.bytes) this.samples.length = 0;
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - (this.samples[1]?.at ?? at) >= this.windowMs) {
      this.samples.shift();
    }
    const first = this.samples[0];
    if (!first || at - first.at < 500) return undefined;
    return Math.round(((bytes - first.bytes) * 1000) / (at - first.at));
  }
}
