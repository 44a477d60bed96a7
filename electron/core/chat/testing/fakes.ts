/** Fakes for engine tests: a scripted Lingma client and a pool and session cache around it. */
import type { ChatEvent, ChatRequest, ChatTurn, LingmaClientApi } from '../../lingma/types';
import { NoCapacityError } from '../../pool/errors';
import { SessionCache } from '../../pool/session-cache';
import type { AcquireOptions, ChatPool, Lease, LeaseOutcome, SessionStore } from '../ports';
import type { ChatEngine, ChatSettings } from '../chat-engine';
import { errorOutcome, type TurnOutcome } from '../outcome';
import { noopTrace, type RequestTrace } from '../ports';
import { TurnRecord } from '../turn-record';
import type { NeutralRequest, OutEvent } from '../types';

export type Script = (req: ChatRequest) => Array<ChatEvent | Error>;

export class ScriptedClient {
  readonly asked: ChatRequest[] = [];
  readonly approvals: unknown[] = [];
  private built: LingmaClientApi | undefined;
  constructor(private readonly script: Script) {}

  /** One client object per fake child, like the real pool hands out. */
  api(): LingmaClientApi {
    this.built ??= this.build();
    return this.built;
  }

  private build(): LingmaClientApi {
    const asked = this.asked;
    const approvals = this.approvals;
    const script = this.script;
    return {
      connected: true,
      initialize: async () => ({ serverName: 'lingma', serverVersion: 'fake' }),
      authStatus: async () => ({ loggedIn: true, status: 2, raw: {} }),
      generateLoginUrl: async () => ({ loginUrl: 'http://x' }),
      logout: async () => undefined,
      queryModels: async () => [],
      request: async () => null,
      close: async () => undefined,
      approveToolCall: async (p) => void approvals.push(p),
      chat(req: ChatRequest): ChatTurn {
        asked.push(req);
        const items = script(req);
        return {
          requestId: `r${asked.length}`,
          cancel: async () => undefined,
          async *[Symbol.asyncIterator]() {
            for (const item of items) {
              if (item instanceof Error) throw item;
              yield item;
            }
          },
        };
      },
    };
  }
}

export class FakePool implements ChatPool {
  readonly closing = false;
  readonly outcomes: Array<{ instanceId: string; outcome: LeaseOutcome }> = [];
  readonly acquired: AcquireOptions[] = [];
  /** Instances that are alive but cannot be leased now (cooling down, busy). */
  readonly unavailable = new Set<string>();
  constructor(private readonly instances: Array<{ id: string; client: ScriptedClient }>) {}

  /** Runs while a request waits for its lease (e.g. a child restarting meanwhile). */
  onAcquire: (() => void) | undefined;

  async acquire(o: AcquireOptions): Promise<Lease> {
    this.acquired.push(o);
    this.onAcquire?.();
    const free = this.instances.filter(
      (i) =>
        !this.unavailable.has(i.id) &&
        !o.exclude?.includes(i.id) &&
        !o.failedClients?.includes(i.client.api()),
    );
    const pick = free.find((i) => i.id === o.preferInstanceId) ?? free[0];
    if (!pick) throw new NoCapacityError('all_unavailable', 30_000, 'No account can serve.');
    return {
      instanceId: pick.id,
      accountId: pick.id,
      accountName: pick.id,
      client: pick.client.api(),
      affinityHonoured: !o.preferInstanceId || o.preferInstanceId === pick.id,
      queuedMs: 0,
      release: (outcome) => this.outcomes.push({ instanceId: pick.id, outcome }),
    };
  }

  async models() {
    return [];
  }
}

/** The real session cache (it is pure), with its counters at hand. */
export class MapReuse extends SessionCache implements SessionStore {
  get hits(): number {
    return this.stats().hits;
  }

  get misses(): number {
    return this.stats().misses;
  }
}

export const finish = (fullAnswer: string, statusCode = 200, reason = ''): ChatEvent => ({
  type: 'finish',
  sessionId: 'sess-1',
  statusCode,
  reason,
  fullAnswer,
  synthetic: false,
});

export const text = (t: string, overwrite = false): ChatEvent => ({
  type: 'text',
  text: t,
  overwrite,
});

export function neutral(over: Partial<NeutralRequest> = {}): NeutralRequest {
  return {
    protocol: 'openai',
    model: 'auto',
    system: '',
    messages: [{ role: 'user', text: 'hi' }],
    tools: [],
    toolChoice: { type: 'auto' },
    stream: true,
    includeUsage: false,
    ignoredParams: [],
    ...over,
  };
}

/** What one request played through the engine gave the client. */
export interface Played {
  events: OutEvent[];
  record: TurnRecord;
  outcome: TurnOutcome;
}

/** Plays `req` through `engine` as the gateway does, collecting the events a client receives. */
export async function playRequest(
  engine: ChatEngine,
  req: NeutralRequest,
  o: { keyId?: string; trace?: RequestTrace; signal?: AbortSignal } = {},
): Promise<Played> {
  const record = new TurnRecord();
  const ctx = {
    requestId: 'q',
    keyId: o.keyId ?? 'k1',
    signal: o.signal ?? new AbortController().signal,
    trace: o.trace ?? noopTrace,
    record,
  };
  const events: OutEvent[] = [];
  let outcome: TurnOutcome;
  try {
    const run = await engine.start(req, ctx);
    outcome = await run.play({ event: (ev) => void events.push(ev) });
  } catch (err) {
    outcome = errorOutcome(err, ctx.signal);
  }
  return { events, record, outcome };
}

/** The answer's text deltas, joined. */
export const texts = (evs: readonly OutEvent[]): string =>
  evs.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');

/** The engine's settings for tests: reuse on, 2 failovers, 4 crash replays, 1 s hang timeouts. */
export function chatSettings(over: Partial<ChatSettings> = {}): ChatSettings {
  return {
    models: { defaultModel: '', aliases: {}, askMode: 'chat' },
    sessionReuse: true,
    contextBudgetTokens: 128_000,
    maxFailovers: 2,
    maxCrashReplays: 4,
    firstEventTimeoutMs: 1000,
    idleTimeoutMs: 1000,
    failoverOnTimeout: false,
    correctiveRetries: 1,
    toolEmulation: true,
    upstreamApproval: 'deny',
    ...over,
  };
}
