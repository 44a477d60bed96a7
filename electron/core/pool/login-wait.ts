/**
 * Waiting for a browser login to land: the binary writes the login and then answers `auth/status`
 * with status 2 (protocol §6.2), so polling the child is enough and needs no file watching.
 */
import type { AuthStatus, LingmaClientApi } from '../lingma/types';
import type { PoolClock } from './clock';
import { LoginTimeoutError } from './errors';

export interface LoginWaitOptions {
  clock: PoolClock;
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Polls `client()` (null while the child restarts: just keep polling) until it reports a login.
 * Rejects with LoginTimeoutError after `timeoutMs`, or with the signal's reason when aborted.
 */
export function pollUntilLoggedIn(
  accountId: string,
  client: () => LingmaClientApi | null,
  o: LoginWaitOptions,
): Promise<AuthStatus> {
  return new Promise<AuthStatus>((resolve, reject) => {
    if (o.signal?.aborted) return reject(o.signal.reason);
    let done = false;
    let pollTimer: unknown;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      o.clock.clearTimeout(deadline);
      if (pollTimer !== undefined) o.clock.clearTimeout(pollTimer);
      o.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => finish(() => reject(o.signal?.reason));
    const deadline = o.clock.setTimeout(
      () => finish(() => reject(new LoginTimeoutError(accountId))),
      o.timeoutMs,
    );
    o.signal?.addEventListener('abort', onAbort, { once: true });

    const poll = async (): Promise<void> => {
      pollTimer = undefined;
      const c = client();
      const status = c ? await c.authStatus().catch(() => undefined) : undefined;
      if (done) return;
      if (status?.loggedIn) return finish(() => resolve(status));
      pollTimer = o.clock.setTimeout(() => void poll(), o.intervalMs);
    };
    void poll();
  });
}
