import { describe, expect, it } from 'vitest';
import { AccountNotRunningError } from './errors';
import { fakeAccount, poolHarness, startWith } from './testing/pool-harness';

describe('account lifecycle: logout', () => {
  it('logs out every child of the account, and nothing serves it any more', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a', { workers: 3 }), fakeAccount('b')]);
    await h.pool.logout('a');
    expect(h.states()).toEqual({
      a: 'logged-out',
      'a#2': 'logged-out',
      'a#3': 'logged-out',
      b: 'ready',
    });
    for (let n = 0; n < 3; n += 1) {
      const lease = await h.pool.acquire();
      expect(lease.accountId).toBe('b');
      lease.release({ kind: 'ok' });
    }
  });

  it('a worker that was restarting during the logout comes back logged out', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a', { workers: 2 })]);
    h.sup('a#2').crash();
    await h.flush();
    await h.pool.logout('a');
    expect(h.clears).toEqual(['/fake/a-w2']);
    h.sup('a#2').recover();
    await h.flush();
    expect(h.states()).toEqual({ a: 'logged-out', 'a#2': 'logged-out' });
  });

  it('logs out again a worker that still comes back with the old login', async () => {
    // Clearing the copy raced the worker's start (it had read the login already).
    const h = poolHarness({ clearWorkerLogin: () => Promise.resolve() });
    await startWith(h, [fakeAccount('a', { workers: 2 })]);
    h.sup('a#2').crash();
    await h.flush();
    await h.pool.logout('a');
    h.sup('a#2').recover();
    await h.flush();
    await h.flush();
    expect(h.states()).toEqual({ a: 'logged-out', 'a#2': 'logged-out' });
    expect(h.disk.read('/fake/a-w2').loggedIn).toBe(false);
  });

  it('after a logout, a new login reaches the workers and they are left serving', async () => {
    const h = poolHarness({ loginPollMs: 1_000 });
    await startWith(h, [fakeAccount('a', { workers: 2 })]);
    await h.pool.logout('a');
    const done = h.pool.waitForLogin('a', { timeoutMs: 60_000 });
    await h.clock.advance(1_000);
    h.disk.login('/fake/a', 'again@example.com');
    await h.clock.advance(1_000);
    await done;
    await h.flush();
    expect(h.states()).toEqual({ a: 'ready', 'a#2': 'ready' });
    expect(h.disk.read('/fake/a-w2')).toMatchObject({ loggedIn: true, name: 'again@example.com' });
  });

  it('refuses when the primary is not running, and logs nothing out', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a', { workers: 2 })]);
    h.sup('a').crash();
    await h.flush();
    await expect(h.pool.logout('a')).rejects.toBeInstanceOf(AccountNotRunningError);
    await expect(h.pool.logout('zz')).rejects.toMatchObject({ code: 'not_running' });
    expect(h.states()['a#2']).toBe('ready');
  });
});

describe('account lifecycle: login client and restarts', () => {
  it('waits for a starting primary, and says why one that will not start is down', async () => {
    const h = poolHarness({ manualStart: true });
    await h.pool.setAccounts([fakeAccount('a'), fakeAccount('b')]);
    const waiting = h.pool.loginClient('a', 5_000);
    await h.clock.advance(400);
    h.sup('a').finishStart();
    await h.clock.advance(200);
    expect(await waiting).toBe(h.sup('a').client);

    h.sup('b').failNextStart = new Error('spawn ENOENT');
    h.sup('b').finishStart();
    await h.flush();
    const late = h.pool.loginClient('b', 1_000).catch((e: unknown) => e);
    await h.clock.advance(1_000);
    expect(await late).toMatchObject({
      code: 'not_running',
      message: 'The Lingma process for "B" did not start: spawn ENOENT',
    });
  });

  it('restarts only the named accounts, with new children', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a', { workers: 2 }), fakeAccount('b')]);
    const [a, w2, b] = [h.sup('a'), h.sup('a#2'), h.sup('b')];
    await h.pool.restartAccounts(['a']);
    await h.flush();
    expect([a.stopCalls, w2.stopCalls, b.stopCalls]).toEqual([1, 1, 0]);
    expect(h.sup('a')).not.toBe(a);
    expect(h.sup('b')).toBe(b);
    expect(h.states()).toEqual({ a: 'ready', 'a#2': 'ready', b: 'ready' });
  });
});
