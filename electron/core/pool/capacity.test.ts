import { describe, expect, it } from 'vitest';
import { assessCapacity, type CapacityView } from './capacity';
import { deriveInstanceState } from './instance-state';

describe('deriveInstanceState', () => {
  const base = { enabled: true, auth: 'logged-in' as const, now: 100 };
  it('maps supervisor states, auth and cooldown', () => {
    expect(deriveInstanceState({ ...base, enabled: false, supervisor: 'running' })).toBe(
      'disabled',
    );
    expect(deriveInstanceState({ ...base, supervisor: 'starting' })).toBe('starting');
    expect(deriveInstanceState({ ...base, supervisor: 'restarting' })).toBe('crashed');
    expect(deriveInstanceState({ ...base, supervisor: 'crashed' })).toBe('crashed');
    expect(deriveInstanceState({ ...base, supervisor: 'running', auth: 'unknown' })).toBe(
      'starting',
    );
    expect(deriveInstanceState({ ...base, supervisor: 'running', auth: 'logged-out' })).toBe(
      'logged-out',
    );
    expect(deriveInstanceState({ ...base, supervisor: 'running', cooldownUntil: 101 })).toBe(
      'cooling-down',
    );
    expect(deriveInstanceState({ ...base, supervisor: 'running', cooldownUntil: 100 })).toBe(
      'ready',
    );
  });
});

describe('assessCapacity', () => {
  const v = (id: string, state: CapacityView['state'], extra: Partial<CapacityView> = {}) => ({
    id,
    state,
    ...extra,
  });
  it('waits for busy or starting instances, otherwise names the reason', () => {
    expect(assessCapacity([], [], 0)).toEqual({ kind: 'reject', reason: 'no_accounts' });
    expect(assessCapacity([v('a', 'disabled')], [], 0)).toMatchObject({ reason: 'no_accounts' });
    expect(assessCapacity([v('a', 'ready')], [], 0)).toEqual({ kind: 'wait' });
    expect(assessCapacity([v('a', 'starting')], [], 0)).toEqual({ kind: 'wait' });
    expect(assessCapacity([v('a', 'starting', { lastKnownLoggedIn: false })], [], 0)).toMatchObject(
      { reason: 'none_logged_in' },
    );
    expect(assessCapacity([v('a', 'ready')], ['a'], 0)).toMatchObject({
      reason: 'all_unavailable',
    });
    expect(
      assessCapacity([v('a', 'crashed', { lastKnownLoggedIn: true }), v('b', 'logged-out')], [], 0),
    ).toMatchObject({ reason: 'all_unavailable' });
    expect(
      assessCapacity(
        [
          v('a', 'cooling-down', { cooldownUntil: 9_000 }),
          v('b', 'cooling-down', { cooldownUntil: 5_000 }),
          v('c', 'logged-out'),
        ],
        [],
        1_000,
      ),
    ).toEqual({ kind: 'reject', reason: 'all_cooling_down', retryAfterMs: 4_000 });
  });
});
