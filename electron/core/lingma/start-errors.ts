/**
 * Turns a failed start into one clear error: which binary, what the process said last, and
 * whether a retry with fresh ports makes sense (the free-port probe races with other programs).
 */
import type { ExitInfo, LingmaProcess } from './lingma-process';
import { LingmaError } from './types';

export interface StartFailure {
  error: LingmaError;
  /** The child complained that a port was taken: worth another spawn with new ports. */
  portInUse: boolean;
}

type Outcome =
  | { kind: 'failed'; error: unknown }
  | { kind: 'exited'; exit: ExitInfo }
  | { kind: 'budget'; ms: number };

const PORT_IN_USE = /address already in use|EADDRINUSE|only one usage of each socket address/i;

export function startError(
  outcome: Outcome,
  proc: LingmaProcess,
  ctx: { binary: string; socketPort: number; signal: AbortSignal },
): StartFailure {
  const tail = proc.outputTail();
  const details = { binary: ctx.binary, pid: proc.pid, output: tail.slice(-10) };
  if (ctx.signal.aborted) {
    const reason: unknown = ctx.signal.reason;
    return {
      error: reason instanceof LingmaError ? reason : new LingmaError('start aborted', 'aborted'),
      portInUse: false,
    };
  }
  if (outcome.kind === 'exited') {
    const { exit } = outcome;
    if (exit.error) {
      const missing = exit.error.code === 'ENOENT' || exit.error.code === 'EACCES';
      return {
        error: new LingmaError(
          `cannot run the Lingma binary ${ctx.binary}: ${exit.error.message}`,
          missing ? 'binary_missing' : 'upstream_error',
          details,
        ),
        portInUse: false,
      };
    }
    const last = tail.at(-1);
    const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
    return {
      error: new LingmaError(
        `Lingma exited during start (${how})${last ? `; last output: ${last}` : ''}`,
        'upstream_error',
        { ...details, exitCode: exit.code, exitSignal: exit.signal },
      ),
      portInUse: tail.some((l) => PORT_IN_USE.test(l)),
    };
  }
  if (outcome.kind === 'budget') {
    return {
      error: new LingmaError(
        `Lingma did not become ready within ${Math.round(outcome.ms / 1000)} s (connect + initialize on 127.0.0.1:${ctx.socketPort})`,
        'timeout',
        details,
      ),
      portInUse: tail.some((l) => PORT_IN_USE.test(l)),
    };
  }
  const cause = outcome.error;
  const text = cause instanceof Error ? cause.message : String(cause);
  const initFailed = cause instanceof LingmaError && cause.code !== 'not_connected';
  return {
    error: new LingmaError(
      initFailed
        ? `Lingma started but initialize failed: ${text}`
        : `Lingma did not open its WebSocket on 127.0.0.1:${ctx.socketPort} in time (${text})`,
      cause instanceof LingmaError ? cause.code : 'not_connected',
      details,
    ),
    portInUse: tail.some((l) => PORT_IN_USE.test(l)),
  };
}
