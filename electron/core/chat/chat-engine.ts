/**
 * Runs one API request against the pool: model resolution, then attempts — a lease from the
 * pool's one admission queue, session reuse, the turn (play-turn.ts), the lease settled with what
 * the turn taught — with failover to another account while nothing reached the client. Events go
 * out as they are produced, into the request's TurnRecord and the caller's sink; how the request
 * ended is the record's outcome (outcome.ts), which the gateway turns into an HTTP error once.
 */
import type { LingmaClientApi } from '../lingma/types';
import type { Logger } from '../util/logger';
import { lingmaModelName, resolveModel, type ResolvedModel } from './model-resolver';
import {
  CLIENT_CLOSED,
  errorOutcome,
  leaseOutcome,
  mayFailover,
  OK,
  SHUTTING_DOWN,
  TurnFailure,
  type FailedOutcome,
  type TurnOutcome,
} from './outcome';
import { playTurn, type TurnDeps } from './play-turn';
import type { ChatPool, RequestTrace, SessionStore } from './ports';
import type { ChatSettings } from './settings';
import { affinityKey, SessionReuse, traceSessionStart, type SessionStart } from './session-reuse';
import { WATERFALL_EVENTS } from './session-kind';
import type { FormatChecker, PromptRenderer, ToolStageFactory } from './tool-seams';
import type { TurnRecord } from './turn-record';
import type { NeutralRequest, OutEvent } from './types';

export type { ChatSettings } from './settings';

export interface ChatEngineDeps {
  pool: ChatPool;
  sessions: SessionStore;
  prompts: PromptRenderer;
  tools: ToolStageFactory;
  logger: Logger;
  settings(): ChatSettings;
  estimateInput(req: NeutralRequest): number;
  estimateText(text: string): number;
}

export interface ChatContext {
  requestId: string;
  /** API-key scope: reuse never crosses keys. */
  keyId: string;
  /** The request's one AbortSignal: aborted when the client disconnects. */
  signal: AbortSignal;
  trace: RequestTrace;
  /** The request's record, created when it arrived (timings run from there). */
  record: TurnRecord;
}

/** Where a streamed run's events go, as they are produced. */
export interface ChatSink {
  event(ev: OutEvent): void;
  /** A promise while the client cannot take more (backpressure); undefined otherwise. */
  ready?(): Promise<void> | undefined;
}

/** A started chat: the model is resolved and the input estimated before the first event. */
export interface ChatRun {
  readonly model: ResolvedModel;
  /** Plays the request to its end; never rejects: the outcome is returned (and recorded). */
  play(sink?: ChatSink): Promise<TurnOutcome>;
}

export class ChatEngine {
  constructor(private readonly deps: ChatEngineDeps) {}

  /** Resolves the model; throws TurnFailure when the request cannot run as sent. */
  async start(original: NeutralRequest, ctx: ChatContext): Promise<ChatRun> {
    const settings = this.deps.settings();
    const req =
      settings.toolEmulation || original.tools.length === 0
        ? original
        : {
            ...original,
            tools: [],
            toolChoice: { type: 'none' as const },
            ignoredParams: [...original.ignoredParams, 'tools (tool emulation is off in Settings)'],
          };
    // One line listing what Lingma cannot honour, so the log explains any difference.
    if (req.ignoredParams.length > 0)
      ctx.trace.set({ note: `ignored (not supported upstream): ${req.ignoredParams.join(', ')}` });
    const format = req.responseFormat ? this.formatChecker(req) : undefined;
    const models = await this.deps.pool.models().catch(() => []);
    const model = resolveModel(req.model, models, settings.models);
    ctx.trace.set({ resolvedModel: lingmaModelName(model) });
    ctx.record.usage.inputTokens = this.deps.estimateInput(req);
    return { model, play: (sink) => this.play(req, ctx, model, format, sink) };
  }

  /** The request's format checker; a schema the validator cannot use is the client's 400. */
  private formatChecker(req: NeutralRequest): FormatChecker | undefined {
    if (!req.responseFormat) return undefined;
    try {
      return this.deps.tools.formatChecker(req.responseFormat);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new TurnFailure({
        kind: 'invalid_request',
        message: `Invalid JSON Schema for structured output: ${reason}`,
        param: FORMAT_PARAM[req.protocol],
      });
    }
  }

  private async play(
    req: NeutralRequest,
    ctx: ChatContext,
    model: ResolvedModel,
    format: FormatChecker | undefined,
    sink: ChatSink | undefined,
  ): Promise<TurnOutcome> {
    const settings = this.deps.settings();
    let outcome: TurnOutcome = OK;
    let reuse: SessionReuse | undefined;
    try {
      reuse = new SessionReuse(
        req,
        { scope: ctx.keyId, mode: model.mode, enabled: settings.sessionReuse },
        {
          store: this.deps.sessions,
          prompts: this.deps.prompts,
          budget: { limit: settings.contextBudgetTokens, measure: this.deps.estimateText },
          inputTokens: ctx.record.usage.inputTokens,
        },
      );
      await this.attempts(req, ctx, model, format, sink, reuse, settings);
    } catch (err) {
      outcome = errorOutcome(err, ctx.signal);
    } finally {
      reuse?.release();
    }
    ctx.record.end(outcome);
    return outcome;
  }

  private async attempts(
    req: NeutralRequest,
    ctx: ChatContext,
    model: ResolvedModel,
    format: FormatChecker | undefined,
    sink: ChatSink | undefined,
    reuse: SessionReuse,
    settings: ChatSettings,
  ): Promise<void> {
    const { pool } = this.deps;
    const clientTools = req.tools.length > 0 && req.toolChoice.type !== 'none';
    const turnDeps = this.turnDeps(settings);
    const exclude: string[] = [];
    const failedClients: LingmaClientApi[] = [];
    let lastFailure: FailedOutcome | undefined;
    let failovers = 0;
    let crashReplays = 0;
    for (let attempt = 1; ; attempt += 1) {
      ctx.trace.set({ attempts: attempt });
      const lease = await pool
        .acquire({
          affinityKey: affinityKey(req),
          preferInstanceId: reuse.preferInstanceId,
          exclude,
          failedClients,
          signal: ctx.signal,
        })
        .catch((err: unknown) => {
          // Out of accounts to fail over to: the failure that started it says more than "none
          // left" — unless the gateway is shutting down or the client left.
          const o = errorOutcome(err, ctx.signal);
          const own = o.kind === 'shutting_down' || o.kind === 'client_closed';
          throw new TurnFailure(own ? o : (lastFailure ?? o));
        });
      ctx.trace.set({
        accountId: lease.accountId,
        accountName: lease.accountName,
        instanceId: lease.instanceId,
        queueWaitMs: lease.queuedMs,
      });
      ctx.trace.event(WATERFALL_EVENTS.lease);
      let start: SessionStart;
      try {
        start = reuse.bind(lease);
      } catch (err) {
        lease.release(leaseOutcome(OK));
        throw err;
      }
      traceSessionStart(ctx.trace, start);
      // Without streaming nothing reaches the client before the whole answer, so an attempt's
      // events are held back and a failed attempt can be replayed at any point, not only before
      // its first event (a crash of a child running several turns costs no unstreamed answer).
      const held: OutEvent[] | undefined = req.stream ? undefined : [];
      let produced = false;
      try {
        const summary = await playTurn(turnDeps, {
          req,
          model,
          lease,
          clientTools,
          ...(format ? { format } : {}),
          start,
          inputTokens: ctx.record.usage.inputTokens,
          signal: ctx.signal,
          trace: ctx.trace,
          emit: (ev) => {
            if (held) return void held.push(ev);
            produced = true;
            ctx.record.add(ev);
            sink?.event(ev);
          },
          ready: sink?.ready?.bind(sink),
        });
        lease.release(leaseOutcome(OK));
        for (const ev of held ?? []) {
          ctx.record.add(ev);
          sink?.event(ev);
        }
        reuse.remember(lease.instanceId, {
          sessionId: summary.sessionId,
          text: ctx.record.text,
          calls: ctx.record.calls.map((c) => c.call),
          tokens: ctx.record.usage.outputTokens,
        });
        return;
      } catch (err) {
        const o = errorOutcome(err, ctx.signal);
        lease.release(leaseOutcome(o));
        if (o.kind === 'client_closed') throw new TurnFailure(CLIENT_CLOSED);
        // The pool is stopping (quit): that is why the turn died, and what the client hears.
        if (pool.closing) throw new TurnFailure(SHUTTING_DOWN);
        const crash = o.kind === 'connection_lost';
        const budgetLeft = crash
          ? crashReplays < settings.maxCrashReplays
          : failovers < settings.maxFailovers;
        const canFailover = !produced && mayFailover(o, settings.failoverOnTimeout) && budgetLeft;
        if (!canFailover) throw err instanceof TurnFailure ? err : new TurnFailure(o);
        if (crash) crashReplays += 1;
        else failovers += 1;
        this.deps.logger.warn('failing over to another account', {
          requestId: ctx.requestId,
          from: lease.instanceId,
          reason: o.kind,
        });
        ctx.trace.event(`failover:${o.kind}`);
        // A dead child is avoided only until its instance restarts (the pool restarts it at
        // once); any other failure rules the instance out for this request.
        if (o.kind === 'connection_lost') failedClients.push(lease.client);
        else exclude.push(lease.instanceId);
        lastFailure = o;
      }
    }
  }

  private turnDeps(s: ChatSettings): TurnDeps {
    return {
      tools: this.deps.tools,
      prompts: this.deps.prompts,
      estimateText: this.deps.estimateText,
      policy: {
        upstreamApproval: s.upstreamApproval,
        agentSessionType: s.models.agentSessionType,
      },
      timeouts: { firstEventMs: s.firstEventTimeoutMs, idleMs: s.idleTimeoutMs },
      correctiveRetries: s.correctiveRetries,
    };
  }
}

/** Where each API carries the schema (the `param` of a schema error). */
const FORMAT_PARAM: Record<NeutralRequest['protocol'], string> = {
  openai: 'response_format.json_schema.schema',
  responses: 'text.format.schema',
  anthropic: 'output_config.format.schema',
};
