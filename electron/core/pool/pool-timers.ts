/**
 * The pool's two clocks: the periodic health tick (auth re-checks) and a single wake-up at the
 * soonest cooldown end, since a cooldown ending changes states without any child event.
 */
import type { PoolClock, PoolTimer } from './clock';

/** Health tick and cooldown wake-up, on the injected clock. */
export class PoolTimers {
  private health: PoolTimer | undefined;
  private cooldown: PoolTimer | undefined;
  private stopped = false;

  constructor(
    private readonly clock: PoolClock,
    private readonly healthIntervalMs: number,
    private readonly onHealth: () => void,
    private readonly onCooldownEnd: () => void,
  ) {}

  /** Starts the health tick (idempotent). */
  startHealth(): void {
    if (this.health !== undefined || this.stopped) return;
    this.health = this.clock.setTimeout(() => {
      this.health = undefined;
      this.onHealth();
      this.startHealth();
    }, this.healthIntervalMs);
  }

  /** Re-arms the wake-up for the soonest of `ends` (epoch ms); none → no wake-up. */
  wakeAt(ends: readonly number[]): void {
    if (this.cooldown !== undefined) this.clock.clearTimeout(this.cooldown);
    this.cooldown = undefined;
    if (ends.length === 0 || this.stopped) return;
    this.cooldown = this.clock.setTimeout(
      () => {
        this.cooldown = undefined;
        this.onCooldownEnd();
      },
      Math.max(0, Math.min(...ends) - this.clock.now()),
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.health !== undefined) this.clock.clearTimeout(this.health);
    if (this.cooldown !== undefined) this.clock.clearTimeout(this.cooldown);
    this.health = undefined;
    this.cooldown = undefined;
  }
}
