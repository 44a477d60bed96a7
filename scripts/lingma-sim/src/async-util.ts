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
 * Values delivered by key (a toolCallId) to whoever waits for them. A value that arrives before
 * anyone waits is kept, because a fast client may approve before the simulator starts waiting.
 */
export class Mailbox<T> {
  private readonly waiters = new Map<string, (value: T) => void>();
  private readonly early = new Map<string, T>();

  deliver(key: string, value: T): void {
    const waiter = this.waiters.get(key);
    if (waiter) {
      this.waiters.delete(key);
      waiter(value);
      return;
    }
    if (this.early.size > 100) this.early.clear(); // bound memory if a client spams unknown ids
    this.early.set(key, value);
  }

  /** Resolves with the value, or undefined after `timeoutMs`; rejects if the turn is aborted. */
  wait(key: string, timeoutMs: number, signal: AbortSignal): Promise<T | undefined> {
    if (this.early.has(key)) {
      const value = this.early.get(key) as T;
      this.early.delete(key);
      return Promise.resolve(value);
    }
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(key);
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
      this.waiters.set(key, (value) => {
        done();
        resolve(value);
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
