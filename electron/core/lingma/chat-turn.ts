/**
 * The consumer side of one chat turn: a single-reader async queue of ChatEvents that ends with
 * `done`, or throws the turn's error. The runner pushes into it; the gateway iterates it.
 */
import type { ChatEvent, ChatTurn } from './types';

export type TurnPhase = 'queued' | 'active' | 'done';

/** An event queue with a terminal state (ended or failed), exposed as a ChatTurn. */
export class TurnStream implements ChatTurn {
  phase: TurnPhase = 'queued';
  private readonly buffer: ChatEvent[] = [];
  private waiter:
    { resolve: (r: IteratorResult<ChatEvent>) => void; reject: (e: unknown) => void } | undefined;
  private terminal: { error?: unknown } | undefined;

  constructor(
    readonly requestId: string,
    private readonly onCancel: (reason: string) => Promise<void>,
  ) {}

  /** True once the stream will accept no more events. */
  get closed(): boolean {
    return this.terminal !== undefined;
  }

  cancel(reason = 'cancelled'): Promise<void> {
    return this.onCancel(reason);
  }

  push(event: ChatEvent): void {
    if (this.terminal) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve({ done: false, value: event });
    } else {
      this.buffer.push(event);
    }
  }

  /** Ends the stream; buffered events are still delivered first. */
  end(): void {
    this.settle({});
  }

  /** Fails the stream; buffered events are still delivered, then `error` is thrown. */
  fail(error: unknown): void {
    this.settle({ error });
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatEvent> {
    return {
      next: () => this.next(),
      // A consumer leaving the loop early (break, throw) means nobody wants the rest: stop it,
      // without making the consumer wait for the binary's answer to chat/stop.
      return: async () => {
        if (!this.terminal) void this.cancel('consumer stopped reading');
        this.buffer.length = 0;
        return { done: true, value: undefined };
      },
    };
  }

  private next(): Promise<IteratorResult<ChatEvent>> {
    const event = this.buffer.shift();
    if (event) return Promise.resolve({ done: false, value: event });
    if (this.terminal) {
      if ('error' in this.terminal && this.terminal.error !== undefined) {
        const err = this.terminal.error;
        // Throw once; a second next() after the error just reports done.
        this.terminal = {};
        return Promise.reject(err);
      }
      return Promise.resolve({ done: true, value: undefined });
    }
    if (this.waiter) return Promise.reject(new Error('ChatTurn supports a single reader'));
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  private settle(terminal: { error?: unknown }): void {
    if (this.terminal) return;
    this.terminal = terminal;
    this.phase = 'done';
    const w = this.waiter;
    if (!w) return;
    this.waiter = undefined;
    if (terminal.error !== undefined) {
      this.terminal = {};
      w.reject(terminal.error);
    } else {
      w.resolve({ done: true, value: undefined });
    }
  }
}
