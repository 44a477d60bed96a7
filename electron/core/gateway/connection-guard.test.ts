import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionGuard, markAuthenticated } from './connection-guard';

/** Just enough of a socket: `destroy()` closes it, as a real one would. */
type FakeSocket = Socket & { destroyedByGuard: boolean };

function fakeSocket(): FakeSocket {
  const emitter = new EventEmitter();
  const s = Object.assign(emitter, {
    destroyedByGuard: false,
    destroy(): FakeSocket {
      s.destroyedByGuard = true;
      emitter.emit('close');
      return s;
    },
  }) as unknown as FakeSocket;
  return s;
}

describe('ConnectionGuard', () => {
  it('past the cap closes the oldest idle unauthenticated socket, then idle keyed ones, then refuses', () => {
    const guard = new ConnectionGuard(() => 3);
    const keyed = fakeSocket();
    const anonOld = fakeSocket();
    const busyAnon = fakeSocket();
    for (const s of [keyed, anonOld, busyAnon]) guard.accept(s);
    markAuthenticated(keyed);
    guard.begin(busyAnon);

    const fourth = fakeSocket();
    guard.accept(fourth);
    expect(anonOld.destroyedByGuard).toBe(true);
    expect(guard.size).toBe(3);

    // fourth is idle and unauthenticated now: it goes before the keyed one.
    const fifth = fakeSocket();
    guard.accept(fifth);
    expect(fourth.destroyedByGuard).toBe(true);
    expect(keyed.destroyedByGuard).toBe(false);

    guard.begin(fifth);
    const sixth = fakeSocket();
    guard.accept(sixth);
    expect(keyed.destroyedByGuard).toBe(true);
    expect(guard.evicted).toEqual({ unauthenticated: 2, authenticated: 1, refused: 0 });

    guard.begin(sixth);
    const seventh = fakeSocket();
    guard.accept(seventh);
    expect(seventh.destroyedByGuard).toBe(true);
    expect(guard.evicted.refused).toBe(1);
    expect(busyAnon.destroyedByGuard).toBe(false);
  });

  it('a finished request makes its socket idle (evictable) again', () => {
    const guard = new ConnectionGuard(() => 1);
    const a = fakeSocket();
    guard.accept(a);
    const done = guard.begin(a);
    const b = fakeSocket();
    guard.accept(b);
    expect(b.destroyedByGuard).toBe(true);
    done();
    done();
    const c = fakeSocket();
    guard.accept(c);
    expect(a.destroyedByGuard).toBe(true);
    expect(guard.size).toBe(1);
  });
});
