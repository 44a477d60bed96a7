/** The reason a turn was aborted: the client asked (chat/stop) or its connection went away. */
export type AbortReason = 'stopped' | 'closed';

export class TurnAborted extends Error {
  constructor(readonly reason: AbortReason) {
    super(`turn ${reason}`);
  }
}

function reasonOf(signal: AbortSignal): AbortReason {
  return signal.reason === 'closed' ? 'closed' : 'stopped';
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new TurnAborted(reasonOf(signal));
}

/**
 * setTimeout that rejects with TurnAborted as soon as the turn is aborted. `ms <= 0` only yields
 * to I/O (setImmediate): a 0 ms timer would still wait about a millisecond.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TurnAborted(reasonOf(signal)));
    const onAbort = (): void => {
      cancel();
      reject(new TurnAborted(reasonOf(signal as AbortSignal)));
    };
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    let cancel: () => void;
    if (ms <= 0) {
      const immediate = setImmediate(done);
      cancel = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(done, ms);
      cancel = () => clearTimeout(timer);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits until the turn is aborted; used by the "hang" fault. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(new TurnAborted(reasonOf(signal)));
    signal.addEventListener('abort', () => reject(new TurnAborted(reasonOf(signal))), {
      once: true,
    });
  });
}

/**
 * Values delivered by key (a toolCallId) to whoever expects them. Only a key the simulator opened
 * with `expect()` (a PENDING tool, an invoke awaiting its result) accepts a delivery: an approval
 * for an unknown toolCallId changes nothing (§13.13; M). A value that arrives between `expect()`
 * and `wait()` is kept, because a fast client may answer before the simulator starts waiting.
 */
export class Mailbox<T> {
  private readonly slots = new Map<string, { value?: T; has: boolean; waiter?: (v: T) => void }>();

  /** Opens the slot for `key` (call it before pushing the message the client answers). */
  expect(key: string): void {
    if (!this.slots.has(key)) this.slots.set(key, { has: false });
  }

  /** True when someone expected the value; false means it was dropped. */
  deliver(key: string, value: T): boolean {
    const slot = this.slots.get(key);
    if (!slot || slot.has) return false;
    if (slot.waiter) {
      this.slots.delete(key);
      slot.waiter(value);
    } else {
      slot.value = value;
      slot.has = true;
    }
    return true;
  }

  /**
   * Resolves with the value, or undefined after `timeoutMs`; rejects if the turn is aborted.
   * The slot closes either way.
   */
  wait(key: string, timeoutMs: number, signal: AbortSignal): Promise<T | undefined> {
    this.expect(key);
    const slot = this.slots.get(key) as { value?: T; has: boolean; waiter?: (v: T) => void };
    if (slot.has) {
      this.slots.delete(key);
      return Promise.resolve(slot.value as T);
    }
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.slots.get(key) === slot) this.slots.delete(key);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        done();
        reject(new TurnAborted(reasonOf(signal)));
      };
      const timer = setTimeout(() => {
        done();
        resolve(undefined);
      }, timeoutMs);
      slot.waiter = (value) => {
        done();
        resolve(value);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
