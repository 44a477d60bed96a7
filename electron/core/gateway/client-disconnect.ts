/**
 * What happens when a client disconnects — the whole story, and its one AbortController.
 *
 * A chat request gets exactly one AbortSignal, made here from the response's `close` before it
 * finished. Everything that reacts to the client leaving listens to that signal:
 *
 * 1. Waiting for a slot: the pool's admission queue drops the waiter at once (pool/wait-queue.ts);
 *    nothing was leased, nothing is counted against an account.
 * 2. A running turn: the chat core stops reading it and cancels it upstream — `chat/stop` to the
 *    binary, without waiting for the answer (chat/turn-pump.ts). The Lingma client frees the
 *    session once the stop is answered (lingma/chat-runner.ts).
 * 3. The lease goes back to the pool as a success ("client disconnected"): nothing is wrong with
 *    the instance, so there is no cooldown and no failover (chat/outcome.ts).
 * 4. The turn's outcome is `client_closed`; nothing more is written to the socket. The request
 *    log entry is finished with status 499 and error kind `client_closed`, and the metrics count
 *    a 499 (gateway/request-finish.ts).
 *
 * A response that finished normally also emits `close`; that is not a disconnect.
 */
import type { Response } from 'express';

/** The request's one AbortSignal: aborted when the client goes away before the response ended. */
export function clientDisconnect(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller.signal;
}
