/**
 * What the pool does after a turn timed out (no first event, or silence past the idle timeout):
 * the engine has already sent `chat/stop`; here the child is held back from new leases and asked a
 * cheap question. A child that does not answer is stuck and is killed and restarted at once. One
 * that answers goes back to serving — unless this is its second timeout without a success in
 * between, which says the child (not one remote call) is broken, so it is restarted too.
 *
 * Why not always restart: the binary runs up to 4 turns in parallel (§8.1, PRED), and a hang is
 * as likely to be the remote model call (the binary retries it ~3 times, §8.1, ZC) as the child;
 * a restart would cut the healthy turns and costs a cold start of up to ~40 s (§3.2, PRED).
 */
import type { Logger } from '../util/logger';
import type { PoolInstance } from './pool-instance';

/** `auth/status` is answered from local state (§6.1, H), so 5 s of silence means a wedged child. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

export type StuckVerdict = 'resumed' | 'restarted' | 'gone';

export interface StuckCheckDeps {
  logger: Logger;
  probeTimeoutMs: number;
  /** False once the instance left the pool (then nothing is restarted). */
  isMember: () => boolean;
  /** The instance's state changed (suspended or resumed): re-derive routing. */
  changed: () => void;
}

/** Runs stuck checks, at most one per instance at a time. */
export class StuckChecker {
  private readonly running = new Set<PoolInstance>();

  constructor(
    private readonly deps: Omit<StuckCheckDeps, 'isMember'> & {
      isMember: (instance: PoolInstance) => boolean;
    },
  ) {}

  /** A turn timed out on `instance` (a check already running for it absorbs this one). */
  check(instance: PoolInstance): void {
    if (this.running.has(instance) || !this.deps.isMember(instance)) return;
    this.running.add(instance);
    void checkStuck(instance, { ...this.deps, isMember: () => this.deps.isMember(instance) })
      .catch((err: unknown) => this.deps.logger.error('stuck check failed', { err }))
      .finally(() => this.running.delete(instance));
  }
}

/** One stuck check of `instance`. */
export async function checkStuck(
  instance: PoolInstance,
  deps: StuckCheckDeps,
): Promise<StuckVerdict> {
  instance.timeoutsSinceSuccess += 1;
  instance.suspended = true;
  deps.changed();
  const client = instance.client();
  let answered = false;
  try {
    if (client) {
      await client.request('auth/status', {}, deps.probeTimeoutMs);
      answered = true;
    }
  } catch (err) {
    deps.logger.warn('Lingma child did not answer after a turn timeout', {
      instanceId: instance.id,
      err,
    });
  }
  const repeat = instance.timeoutsSinceSuccess > 1;
  if (!deps.isMember()) {
    instance.suspended = false;
    return 'gone';
  }
  if (answered && !repeat) {
    instance.suspended = false;
    deps.changed();
    return 'resumed';
  }
  deps.logger.warn('restarting a stuck Lingma child', {
    instanceId: instance.id,
    answered,
    timeouts: instance.timeoutsSinceSuccess,
  });
  try {
    await instance.restart();
  } catch (err) {
    deps.logger.warn('restart of a stuck Lingma child failed', { instanceId: instance.id, err });
  } finally {
    instance.suspended = false;
    deps.changed();
  }
  return 'restarted';
}
