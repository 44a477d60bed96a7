/**
 * Reads one upstream turn into the chat core, event by event, and is the one place a running turn
 * is stopped from outside:
 *
 * - the watchdog sees it hang (watchdog.ts) → the turn is cancelled (`chat/stop`) and the read
 *   fails with LingmaError('timeout') at once, without waiting for the binary's answer;
 * - the client leaves (its request's AbortSignal, gateway/client-disconnect.ts) → the turn is
 *   cancelled and the read ends as "client closed" at once, whatever the Lingma client does;
 * - `onEvent` throws (a failed `chat/finish`) → the read stops and the turn is cancelled.
 *
 * Backpressure: while `ready()` returns a promise (the client's socket is full), the next event is
 * read only after it settles; Lingma's pushes wait in the turn's own queue meanwhile.
 */
import type { ChatEvent, ChatTurn } from '../lingma/types';
import { CLIENT_CLOSED, TurnFailure } from './outcome';
import { TurnWatchdog, type TurnTimeouts } from './watchdog';

export interface PumpOptions {
  timeouts: TurnTimeouts;
  /** Aborted when the client leaves. */
  signal: AbortSignal;
  /** Each event, synchronously, in order. Throwing ends the turn with that error. */
  onEvent(ev: ChatEvent): void;
  /** A promise while the consumer cannot take more; undefined otherwise. */
  ready?(): Promise<void> | undefined;
}

/**
 * Resolves when the turn ended normally; rejects with why it did not (the turn's own error, the
 * watchdog's LingmaError('timeout'), or TurnFailure(client_closed)).
 */
export function consumeTurn(turn: ChatTurn, o: PumpOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let over = false;
    const stopUpstream = (reason: string): void => {
      // Not awaited: the client's answer must not wait for the `chat/stop` reply.
      turn.cancel(reason).catch(() => undefined);
    };
    const end = (err?: unknown): void => {
      if (over) return;
      over = true;
      dog.stop();
      o.signal.removeEventListener('abort', onAbort);
      if (err === undefined) resolve();
      else reject(err);
    };
    const onAbort = (): void => {
      stopUpstream('client closed');
      end(new TurnFailure(CLIENT_CLOSED));
    };
    const dog = new TurnWatchdog(o.timeouts, (err) => {
      stopUpstream(`${String(err.details.phase)} timeout`);
      end(err);
    });
    if (o.signal.aborted) return onAbort();
    o.signal.addEventListener('abort', onAbort, { once: true });
    const read = async (): Promise<void> => {
      for await (const ev of turn) {
        if (over) return;
        dog.saw(ev);
        o.onEvent(ev);
        const wait = o.ready?.();
        if (wait) await wait;
        if (over) return;
      }
    };
    read().then(
      () => end(),
      (err: unknown) => end(err),
    );
  });
}
