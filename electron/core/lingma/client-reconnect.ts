/**
 * The reconnect loop of a Lingma client: while the process lives, re-dial with capped backoff and
 * re-run the handshake; give up after a few attempts and let the supervisor restart the child.
 */
import { sleep, type Clock } from './clock';
import type { Logger } from '../util/logger';

/** Connection lifecycle as the supervisor sees it. */
export type ClientConnectionEvent =
  | { type: 'disconnected'; reason: string }
  | { type: 'reconnected' }
  /** Reconnection gave up while the process may still be alive: the supervisor should restart it. */
  | { type: 'lost'; reason: string };

export interface ConnectOptions {
  /** Keep re-dialling until this much time has passed (0 = one attempt). */
  deadlineMs?: number;
  retryDelayMs?: number;
  signal?: AbortSignal;
}

export interface ReconnectSteps {
  clock: Clock;
  logger: Logger;
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
  signal: AbortSignal;
  isProcessAlive?: () => boolean;
  /** Dials, adopts and re-initialises; throws when this attempt failed. */
  attempt(): Promise<void>;
  /** Drops a connection that opened but could not be initialised. */
  discard(): void;
}

/** True once reconnected; false when it gave up (or the process died, or it was aborted). */
export async function reconnectLoop(s: ReconnectSteps): Promise<boolean> {
  let delay = s.firstDelayMs;
  for (let i = 1; i <= s.attempts; i++) {
    if (s.isProcessAlive && !s.isProcessAlive()) return false;
    await sleep(s.clock, delay, s.signal).catch(() => undefined);
    if (s.signal.aborted) return false;
    delay = Math.min(s.maxDelayMs, delay * 2);
    try {
      await s.attempt();
      s.logger.info('reconnected to Lingma', { attempt: i });
      return true;
    } catch (err) {
      s.logger.warn('Lingma reconnect attempt failed', { attempt: i, err });
      s.discard();
    }
  }
  return false;
}
