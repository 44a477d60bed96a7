/**
 * Waiting for a login's end the way every host hears about it: the `login:progress` pushes. The
 * CLI waits like this after `accounts:login`, as the dashboard does.
 */
import type { PushFn } from '../../shared/contract';
import type { LoginProgressDto } from '../../shared/dto';

export interface LoginEnd {
  /** Resolves once logged in; rejects (with the reported phase as `code`) otherwise. */
  done: Promise<void>;
  /** Stops listening (the promise then never settles). */
  close(): void;
}

const ENDS: ReadonlySet<LoginProgressDto['phase']> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'timeout',
]);

/** Subscribe before starting the login, so no report is missed. */
export function watchLoginEnd(
  connect: (push: PushFn) => () => void,
  accountId: string,
  timeoutMs?: number,
): LoginEnd {
  let off: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const close = (): void => {
    off();
    clearTimeout(timer);
  };
  const done = new Promise<void>((resolve, reject) => {
    off = connect((channel, payload) => {
      if (channel !== 'login:progress') return;
      const p = payload as LoginProgressDto;
      if (p.accountId !== accountId || !ENDS.has(p.phase)) return;
      close();
      if (p.phase === 'succeeded') resolve();
      else reject(Object.assign(new Error(p.message ?? `Login ${p.phase}.`), { code: p.phase }));
    });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        close();
        const secs = Math.round(timeoutMs / 1000);
        reject(Object.assign(new Error(`Not logged in after ${secs} s.`), { code: 'timeout' }));
      }, timeoutMs);
    }
  });
  // A host that stops waiting (the login failed to start) must not leave it unhandled.
  done.catch(() => undefined);
  return { done, close };
}
