import { describe, expect, it } from 'vitest';
import { FakeClock } from '../core/pool/testing/fake-clock';
import { silentLogger } from '../core/util/logger';
import { createShutdown, type ShutdownOptions } from './shutdown';

function setup(stop: () => Promise<void>) {
  const clock = new FakeClock();
  const calls: string[] = [];
  const o: ShutdownOptions = {
    stop,
    finish: () => calls.push('finish'),
    quit: () => calls.push('quit'),
    exit: (code) => calls.push(`exit ${code}`),
    clock,
    logger: silentLogger,
    stopTimeoutMs: 10_000,
    exitTimeoutMs: 5_000,
  };
  const shutdown = createShutdown(o);
  const beforeQuit = (): boolean => {
    let prevented = false;
    shutdown.onBeforeQuit({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { clock, calls, shutdown, beforeQuit };
}

describe('bounded quit', () => {
  it('holds the quit while the core stops, then quits for real', async () => {
    let release!: () => void;
    const s = setup(() => new Promise<void>((r) => (release = r)));
    expect(s.shutdown.isQuitting()).toBe(false);
    expect(s.beforeQuit()).toBe(true);
    expect(s.shutdown.isQuitting()).toBe(true);
    // A second request while stopping is held too, without a second stop.
    expect(s.beforeQuit()).toBe(true);
    await s.clock.advance(1_000);
    expect(s.calls).toEqual([]);
    release();
    await s.clock.advance(0);
    expect(s.calls).toEqual(['finish', 'quit']);
    // The final app.quit() passes through (so will-quit/quit fire for the updater).
    expect(s.beforeQuit()).toBe(false);
  });

  it('quits anyway when stopping hangs, and exits hard if quitting stalls too', async () => {
    const s = setup(() => new Promise<void>(() => undefined));
    s.beforeQuit();
    await s.clock.advance(9_999);
    expect(s.calls).toEqual([]);
    await s.clock.advance(1);
    expect(s.calls).toEqual(['finish', 'quit']);
    await s.clock.advance(5_000);
    expect(s.calls).toEqual(['finish', 'quit', 'exit 0']);
  });

  it('quits when stopping fails', async () => {
    const s = setup(() => Promise.reject(new Error('boom')));
    s.beforeQuit();
    await s.clock.advance(0);
    expect(s.calls).toEqual(['finish', 'quit']);
  });

  it('lets windows close ahead of a quit the updater starts', () => {
    const s = setup(async () => undefined);
    s.shutdown.allowWindowsToClose();
    expect(s.shutdown.isQuitting()).toBe(true);
  });
});
