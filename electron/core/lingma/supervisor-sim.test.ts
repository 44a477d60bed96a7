/**
 * The upstream layer against the Lingma simulator as a real child process, spawned by the
 * supervisor exactly as the product spawns the real binary (same command line, real sockets).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playBrowserLogin, SIM_BIN, writeScenario } from '../../../scripts/lingma-sim/testing';
import { isAlive } from './process-tree';
import { LingmaSupervisor, type SupervisorOptions } from './supervisor';
import { LingmaError, type ChatEvent, type ChatTurn, type SupervisorSnapshot } from './types';

const posix = process.platform !== 'win32';
let root: string;
const sups: LingmaSupervisor[] = [];

async function collect(turn: ChatTurn): Promise<{ events: ChatEvent[]; error?: LingmaError }> {
  const events: ChatEvent[] = [];
  try {
    for await (const ev of turn) events.push(ev);
    return { events };
  } catch (error) {
    return { events, error: error as LingmaError };
  }
}

function finishOf(events: ChatEvent[]): Extract<ChatEvent, { type: 'finish' }> {
  const last = events.at(-1);
  if (last?.type !== 'finish') throw new Error(`no finish: ${JSON.stringify(events.at(-1))}`);
  return last;
}

function assembled(events: ChatEvent[]): string {
  let text = '';
  for (const e of events) if (e.type === 'text') text = e.overwrite ? e.text : text + e.text;
  return text;
}

function supervisor(name: string, extra: Partial<SupervisorOptions> = {}): LingmaSupervisor {
  const sup = new LingmaSupervisor({
    accountId: name,
    workDir: join(root, name),
    runtimeDir: join(root, 'run'),
    binary: SIM_BIN,
    // Unanswered pushes show up in lingma.log after 500 ms instead of the default 10 s.
    extraArgs: ['--sim-request-timeout=500'],
    backoff: { initialMs: 100 },
    ...extra,
  });
  sups.push(sup);
  return sup;
}

function until(sup: LingmaSupervisor, ok: (s: SupervisorSnapshot) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ok(sup.snapshot())) return resolve();
    const off = sup.onChange((s) => {
      if (!ok(s)) return;
      off();
      resolve();
    });
  });
}

const lingmaLog = (sup: LingmaSupervisor): Promise<string> =>
  readFile(join(sup.workDir, 'logs', 'lingma.log'), 'utf8');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lingma-sup-sim-'));
});

afterAll(async () => {
  await Promise.all(sups.map((s) => s.stop()));
  await rm(root, { recursive: true, force: true });
});

describe.runIf(posix)('supervisor + client against the simulator', () => {
  let sup: LingmaSupervisor;
  const client = () => {
    if (!sup.client) throw new Error(`not running: ${JSON.stringify(sup.snapshot())}`);
    return sup.client;
  };

  beforeAll(async () => {
    const scenario = writeScenario(root, {
      rules: [
        // The first delta of a turn is an empty one: hang after the first one with text.
        { match: 'hold on', faults: { hangAfterDeltas: 2 } },
        { match: 'broken header', faults: { malformedFrame: 'bad-header' } },
        { match: 'broken json', faults: { malformedFrame: 'bad-json' } },
        { match: 'long story', answer: 'word '.repeat(200), faults: { deltaIntervalMs: 20 } },
        {
          match: 'use tools',
          steps: [
            { invoke: { name: 'read_file', parameters: { filePath: '/etc/hosts' }, async: false } },
            { invoke: { name: 'run_in_terminal' } },
            { say: 'done with tools' },
          ],
        },
        {
          match: 'needs approval',
          steps: [{ tool: { name: 'run_in_terminal', toolCallId: 'tc-ap', needsApproval: true } }],
        },
        {
          match: 'out of quota',
          finish: { statusCode: 429, reason: 'quota exceeded', extra: { resetAt: 1_900_000_000 } },
        },
      ],
    });
    sup = supervisor('main', { env: { ...process.env, LINGMA_SIM_SCENARIO: scenario } });
    await sup.start();
  });

  it('spawns and reaches running with a pid and two ports', () => {
    const s = sup.snapshot();
    expect(s).toMatchObject({ state: 'running', restarts: 0 });
    expect(s.pid && isAlive(s.pid)).toBe(true);
    expect(s.socketPort).not.toBe(s.httpPort);
  });

  it('logs in through the browser flow', async () => {
    expect((await client().authStatus()).loggedIn).toBe(false);
    expect(await client().queryModels()).toEqual([]);
    const { loginUrl } = await client().generateLoginUrl();
    expect((await playBrowserLogin(loginUrl)).status).toBe(200);
    const auth = await client().authStatus();
    expect(auth).toMatchObject({ loggedIn: true, status: 2 });
  });

  it('lists models once per key with merged scenes', async () => {
    const models = await client().queryModels();
    const keys = models.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    // The "Auto" model heads the chat scene (no isDefault anywhere, §7) and sits in several.
    const head = models.find((m) => m.defaultFor?.includes('chat'));
    expect(head?.scenes.length).toBeGreaterThan(1);
    expect(models.some((m) => m.isDefault)).toBe(false);
    expect(models.some((m) => m.isReasoning)).toBe(true);
  });

  it('streams a chat with think, title and steps; deltas assemble to the full answer', async () => {
    const reasoning = (await client().queryModels()).find((m) => m.isReasoning)!;
    const { events, error } = await collect(
      client().chat({ questionText: 'Explain 世界 🚀', modelKey: reasoning.key }),
    );
    expect(error).toBeUndefined();
    const finish = finishOf(events);
    expect(finish).toMatchObject({ statusCode: 200, synthetic: false });
    expect(finish.sessionId).not.toBe('');
    expect(assembled(events)).toBe(finish.fullAnswer);
    expect(finish.fullAnswer).toContain(reasoning.key);
    const types = new Set(events.map((e) => e.type));
    expect([...types]).toEqual(expect.arrayContaining(['think', 'title', 'step', 'text']));
    expect(events.some((e) => e.type === 'step' && e.step === 'step_end')).toBe(true);
  });

  it('continues a session as a reply while another turn runs alongside', async () => {
    const first = finishOf((await collect(client().chat({ questionText: 'first' }))).events);
    const reply = client().chat({
      questionText: 'again',
      sessionId: first.sessionId,
      isReply: true,
    });
    const other = client().chat({ questionText: 'unrelated' });
    const [r, o] = await Promise.all([collect(reply), collect(other)]);
    expect(finishOf(r.events)).toMatchObject({ sessionId: first.sessionId });
    expect(finishOf(r.events).fullAnswer).toMatch(/turn 2\b/);
    expect(finishOf(o.events).fullAnswer).toMatch(/turn 1\b.*unrelated/);
    const log = await lingmaLog(sup);
    expect(log.indexOf(reply.requestId)).toBeLessThan(log.indexOf(other.requestId));
  });

  it('cancel sends chat/stop and ends the iterator', async () => {
    const turn = client().chat({ questionText: 'hold on' });
    const events: ChatEvent[] = [];
    for await (const ev of turn) {
      events.push(ev);
      if (ev.type === 'text') await turn.cancel('test');
    }
    expect(events.some((e) => e.type === 'finish')).toBe(false);
    expect(await lingmaLog(sup)).toMatch(new RegExp(`chat/stop .*${turn.requestId}`));
    // The connection is free again.
    expect(finishOf((await collect(client().chat({ questionText: 'after' }))).events)).toBeTruthy();
  });

  it('survives malformed frames', async () => {
    for (const q of ['broken header', 'broken json']) {
      const { events, error } = await collect(client().chat({ questionText: q }));
      expect(error).toBeUndefined();
      expect(finishOf(events).statusCode).toBe(200);
    }
    expect(client().connected).toBe(true);
  });

  it('refuses tool invokes (sync and async) and surfaces them as tool events', async () => {
    const { events } = await collect(client().chat({ questionText: 'use tools', mode: 'agent' }));
    const tools = events.flatMap((e) => (e.type === 'tool' ? [e.message] : []));
    expect(tools.map((t) => `${t.method}:${t.direction}`).sort()).toEqual([
      'tool/invoke:in',
      'tool/invoke:in',
      'tool/invokeResult:out',
      'tool/invokeResult:out',
    ]);
    expect(tools.filter((t) => t.params.viaResponse === true)).toHaveLength(1);
    const log = await lingmaLog(sup);
    expect(log).toMatch(/not an IDE: tool read_file is not available/);
    expect(log).not.toMatch(/no tool\/invokeResult/);
  });

  it('approves a PENDING tool card with tool/call/approve', async () => {
    const turn = client().chat({ questionText: 'needs approval', mode: 'agent' });
    const statuses: string[] = [];
    for await (const ev of turn) {
      if (ev.type !== 'tool') continue;
      const p = ev.message.params;
      statuses.push(
        `${ev.message.method}:${ev.message.direction}:${String(p.toolCallStatus ?? '')}`,
      );
      if (p.toolCallStatus === 'PENDING') {
        await client().approveToolCall({
          sessionId: String(p.sessionId),
          requestId: turn.requestId,
          toolCallId: String(p.toolCallId),
          approval: true,
        });
      }
    }
    expect(statuses).toEqual([
      'tool/call/sync:in:PENDING',
      'tool/call/approve:out:',
      'tool/call/sync:in:RUNNING',
      'tool/call/sync:in:FINISHED',
    ]);
  });

  it('classifies a quota finish and parses its reset time', async () => {
    const finish = finishOf(
      (await collect(client().chat({ questionText: 'out of quota' }))).events,
    );
    expect(finish).toMatchObject({ statusCode: 429, resetAt: 1_900_000_000_000 });
  });

  it('answered every server request', async () => {
    await new Promise((r) => setTimeout(r, 800)); // longer than --sim-request-timeout
    expect(await lingmaLog(sup)).not.toMatch(/no response from client/);
  });

  it('fails a turn promptly when the child is SIGKILLed, then restarts it', async () => {
    const oldPid = sup.snapshot().pid!;
    const turn = client().chat({ questionText: 'long story' });
    const events: ChatEvent[] = [];
    let error: unknown;
    try {
      for await (const ev of turn) {
        events.push(ev);
        if (ev.type === 'text' && isAlive(oldPid)) process.kill(oldPid, 'SIGKILL');
      }
    } catch (err) {
      error = err;
    }
    expect((error as LingmaError).code).toBe('connection_lost');
    expect(events.some((e) => e.type === 'finish')).toBe(false);
    await until(sup, (s) => s.state === 'running' && s.pid !== oldPid);
    expect(sup.snapshot().restarts).toBe(1);
    expect(finishOf((await collect(client().chat({ questionText: 'back' }))).events)).toBeTruthy();
  });

  it('stop() leaves no process behind', async () => {
    const pid = sup.snapshot().pid!;
    await sup.stop();
    expect(sup.snapshot().state).toBe('stopped');
    expect(isAlive(pid)).toBe(false);
    expect(sup.client).toBeNull();
  });
});

describe.runIf(posix)('supervisor start edge cases against the simulator', () => {
  it('waits through a slow start', async () => {
    const sup = supervisor('slow', { extraArgs: ['--sim-fault=slow-start:1500'] });
    const seen: string[] = [];
    sup.onChange((s) => seen.push(s.state));
    await sup.start();
    expect(sup.snapshot().state).toBe('running');
    expect(await lingmaLog(sup)).toMatch(/simulated slow start/);
    await sup.stop();
  });

  it('rejects clearly when the child exits at once', async () => {
    const sup = supervisor('broken', {
      extraArgs: ['--sim-fault=no-such-fault'],
      backoff: { maxRestarts: 0 },
    });
    const err = (await sup.start().catch((e: unknown) => e)) as LingmaError;
    expect(err).toBeInstanceOf(LingmaError);
    expect(err.message).toMatch(/exited during start \(code \d+\).*unknown fault/);
    expect(sup.snapshot()).toMatchObject({ state: 'crashed' });
  });
});

describe.runIf(posix)('supervisor restart policy against the simulator', () => {
  /** Kills the running child; resolves with the restart delay the supervisor chose. */
  async function crash(sup: LingmaSupervisor): Promise<number> {
    const pid = sup.snapshot().pid!;
    const noticed = new Promise<number>((resolve) => {
      const off = sup.onChange((s) => {
        if (s.state !== 'restarting' || s.nextRestartAt === undefined) return;
        off();
        // Read as the restart is scheduled, so a slow machine does not blur the delay.
        resolve(s.nextRestartAt - Date.now());
      });
    });
    process.kill(pid, 'SIGKILL');
    const snap = await noticed;
    await until(sup, (s) => s.state === 'running' && s.pid !== pid);
    return snap;
  }

  it('restarts a healthy child at once, and backs off only in a crash loop', async () => {
    const sup = supervisor('loop', { backoff: { initialMs: 300 } });
    await sup.start();
    sup.noteHealthy();
    expect(await crash(sup)).toBeLessThan(50);
    // Dies again before completing a turn: a crash loop, so it waits initialMs…
    expect(await crash(sup)).toBeGreaterThan(250);
    // …until it proves healthy; then the next crash is isolated again.
    sup.noteHealthy();
    expect(sup.snapshot().restarts).toBe(0);
    expect(await crash(sup)).toBeLessThan(50);
    await sup.stop();
  });
});
