import { describe, expect, it } from 'vitest';
import { NoCapacityError } from './errors';
import { fakeAccount, poolHarness, startWith } from './testing/pool-harness';

const MIN = 60_000;

async function reason(p: Promise<unknown>): Promise<NoCapacityError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(NoCapacityError);
  return err as NoCapacityError;
}

describe('AccountPool instance state', () => {
  it('derives starting → ready / logged-out from the supervisor and auth/status', async () => {
    const h = poolHarness({ manualStart: true });
    h.disk.login('/fake/a', 'alice@example.com');
    await h.pool.setAccounts([fakeAccount('a'), fakeAccount('b')]);
    await h.flush();
    expect(h.states()).toEqual({ a: 'starting', b: 'starting' });
    h.sup('a').finishStart();
    h.sup('b').finishStart();
    await h.flush();
    expect(h.states()).toEqual({ a: 'ready', b: 'logged-out' });
    const [a] = h.pool.snapshot();
    expect(a).toMatchObject({
      accountName: 'A',
      workerIndex: 1,
      user: { name: 'alice@example.com', userType: 'personal_standard' },
      pid: 1,
      socketPort: 40_001,
      models: 2,
    });
    expect(JSON.stringify(h.pool.snapshot())).not.toContain('pt-secret');
  });

  it('shows crashed while the supervisor backs off, and re-checks auth after the restart', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    const lost: string[] = [];
    h.pool.onInstanceLost((id, why) => lost.push(`${id}:${why}`));
    h.sup('a').crash();
    await h.flush();
    expect(h.states()).toEqual({ a: 'crashed' });
    expect(lost).toEqual(['a:restarted']);
    h.disk.logout('/fake/a');
    h.sup('a').recover();
    await h.flush();
    expect(h.states()).toEqual({ a: 'logged-out' });
  });

  it('a failed first start is crashed with its error', async () => {
    const h = poolHarness({ manualStart: true });
    await h.pool.setAccounts([fakeAccount('a')]);
    h.sup('a').failNextStart = new Error('binary missing');
    h.sup('a').finishStart();
    await h.flush();
    expect(h.pool.snapshot()[0]).toMatchObject({ state: 'crashed', lastError: 'binary missing' });
    await expect(h.pool.acquire()).rejects.toMatchObject({ reason: 'none_logged_in' });
  });

  it('notices a logout (and a login) at the next health check', async () => {
    const h = poolHarness({ healthIntervalMs: 30_000 });
    await startWith(h, [fakeAccount('a')]);
    h.disk.logout('/fake/a');
    await h.clock.advance(29_000);
    expect(h.states()).toEqual({ a: 'ready' });
    await h.clock.advance(1_000);
    expect(h.states()).toEqual({ a: 'logged-out' });
    h.disk.login('/fake/a');
    await h.pool.refreshAuth('a');
    expect(h.states()).toEqual({ a: 'ready' });
  });

  it('onChange delivers batched snapshots and unsubscribes', async () => {
    const h = poolHarness();
    const seen: string[] = [];
    const off = h.pool.onChange((snap) => seen.push(snap.map((s) => s.state).join()));
    await startWith(h, [fakeAccount('a')]);
    expect(seen.at(-1)).toBe('ready');
    off();
    const before = seen.length;
    await h.pool.acquire();
    await h.flush();
    expect(seen.length).toBe(before);
  });
});

describe('AccountPool cooldown and NoCapacityError', () => {
  it('cools the whole account until resetAt, then serves again', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a', { workers: 2 })]);
    expect(h.states()).toEqual({ a: 'ready', 'a#2': 'ready' });
    const lease = await h.pool.acquire();
    lease.release({ kind: 'quota_exhausted', resetAt: h.clock.now() + 5 * MIN });
    expect(h.states()).toEqual({ a: 'cooling-down', 'a#2': 'cooling-down' });
    const err = await reason(h.pool.acquire());
    expect(err.reason).toBe('all_cooling_down');
    expect(err.retryAfterMs).toBe(5 * MIN);
    await h.clock.advance(5 * MIN);
    expect(h.states()).toEqual({ a: 'ready', 'a#2': 'ready' });
    expect(h.pool.snapshot()[0]?.lastError).toBe('quota_exhausted');
  });

  it('backs off exponentially without resetAt and resets after a success', async () => {
    const h = poolHarness({ backoff: { initialMs: MIN, maxMs: 3 * MIN } });
    await startWith(h, [fakeAccount('a')]);
    const cooldowns: number[] = [];
    for (let n = 0; n < 3; n += 1) {
      (await h.pool.acquire()).release({ kind: 'rate_limited' });
      const until = h.pool.snapshot()[0]?.cooldownUntil ?? 0;
      cooldowns.push(until - h.clock.now());
      await h.clock.advance(until - h.clock.now());
    }
    expect(cooldowns).toEqual([MIN, 2 * MIN, 3 * MIN]);
    (await h.pool.acquire()).release({ kind: 'ok' });
    (await h.pool.acquire()).release({ kind: 'rate_limited' });
    expect((h.pool.snapshot()[0]?.cooldownUntil ?? 0) - h.clock.now()).toBe(MIN);
  });

  it('parallel failures of one burst do not double the backoff', async () => {
    const h = poolHarness({ maxConcurrentPerInstance: 2 });
    await startWith(h, [fakeAccount('a')]);
    const one = await h.pool.acquire();
    const two = await h.pool.acquire();
    one.release({ kind: 'rate_limited' });
    two.release({ kind: 'rate_limited' });
    expect((h.pool.snapshot()[0]?.cooldownUntil ?? 0) - h.clock.now()).toBe(MIN);
  });

  it('fails over to another account while one cools down', async () => {
    const h = poolHarness({ strategy: 'fill-first' });
    await startWith(h, [fakeAccount('a'), fakeAccount('b')]);
    const first = await h.pool.acquire();
    expect(first.instanceId).toBe('a');
    first.release({ kind: 'rate_limited', message: 'too many requests' });
    const retry = await h.pool.acquire({ exclude: [first.instanceId] });
    expect(retry.instanceId).toBe('b');
    expect(h.pool.snapshot()[0]).toMatchObject({ errors: 1, lastError: 'too many requests' });
  });

  it('tells none_logged_in (nobody can serve) from all_cooling_down (soonest recovery)', async () => {
    const h = poolHarness();
    await expect(h.pool.acquire()).rejects.toMatchObject({ reason: 'no_accounts' });
    await startWith(h, [fakeAccount('a'), fakeAccount('b')], ['a', 'b']);
    expect((await reason(h.pool.acquire())).reason).toBe('none_logged_in');
    h.disk.login('/fake/a');
    h.disk.login('/fake/b');
    await h.pool.refreshAuth('a');
    await h.pool.refreshAuth('b');
    (await h.pool.acquire({ preferInstanceId: 'a' })).release({
      kind: 'quota_exhausted',
      resetAt: h.clock.now() + 10 * MIN,
    });
    (await h.pool.acquire({ preferInstanceId: 'b' })).release({
      kind: 'rate_limited',
      resetAt: h.clock.now() + 2 * MIN,
    });
    const err = await reason(h.pool.acquire());
    expect(err).toMatchObject({ reason: 'all_cooling_down', retryAfterMs: 2 * MIN });
  });

  it('rejects queued requests at once when the last instance logs out', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    const lease = await h.pool.acquire();
    const waiting = h.pool.acquire().catch((e: unknown) => e);
    await h.flush();
    h.disk.logout('/fake/a');
    lease.release({ kind: 'logged_out' });
    expect(await waiting).toMatchObject({ reason: 'none_logged_in' });
    expect(h.states()).toEqual({ a: 'logged-out' });
  });
});
