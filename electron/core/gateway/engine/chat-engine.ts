import type { Logger } from '../../util/logger';
import { ApiError } from '../errors';
import type { NeutralRequest, OutEvent } from '../translate/neutral';
import { failureFromError, shuttingDown, TurnFailure } from './failures';
import { playTurn, type TurnSummary } from './turn-player';
import { resolveModel, type ModelResolverOptions, type ResolvedModel } from './model-resolver';
import type { EngineLease, EnginePool, EngineReuseCache, RequestTrace } from './ports';
import { planReuse } from './reuse-plan';
import { sessionKindOf, WATERFALL_EVENTS } from './session-kind';
import type { FormatChecker, PromptRenderer, ToolStageFactory } from './tool-stage';
import { watchClient } from './turn-watchdog';

export interface ChatEngineDeps {
  pool: EnginePool;
  reuse: EngineReuseCache;
  prompts: PromptRenderer;
  toolStages: ToolStageFactory;
  logger: Logger;
  settings(): {
    models: ModelResolverOptions;
    sessionReuse: boolean;
    /** Accounts tried before giving up when failures happen before the first byte. */
    maxFailovers: number;
    /** A turn without a first answer event this long is stopped (504); 0 = never. */
    firstEventTimeoutMs: number;
    /** A turn silent this long mid-answer is stopped (504); 0 = never. */
    idleTimeoutMs: number;
    /** Replay a timed-out turn on another account (off: a hang would likely repeat there). */
    failoverOnTimeout: boolean;
    correctiveRetries: number;
    /** Emulate client tools in the prompt; off → client tools are ignored (listed as such). */
    toolEmulation: boolean;
    upstreamApproval: 'deny' | 'auto-approve';
  };
  estimateInput(req: NeutralRequest): number;
  estimateText(text: string): number;
}

export interface ChatContext {
  requestId: string;
  /** API-key scope: reuse never crosses keys. */
  keyId: string;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  trace: RequestTrace;
}

/** A started chat: the resolved model is known before the first event. */
export interface ChatRun {
  model: ResolvedModel;
  events: AsyncGenerator<OutEvent, void, undefined>;
}

/**
 * Runs one API request against the pool: model resolution, admission, session reuse, routing,
 * failover before the first byte, client-tool emulation (with corrective retries) or the upstream
 * tool bridge, and usage. Errors thrown before the first event are pre-output (the route still
 * answers with a proper HTTP status); later ones end the stream with an error event.
 */
export class ChatEngine {
  constructor(private readonly deps: ChatEngineDeps) {}

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
    return { model, events: this.run(req, ctx, model, format) };
  }

  /** The request's format checker; a schema the validator cannot use is the client's 400. */
  private formatChecker(req: NeutralRequest): FormatChecker | undefined {
    if (!req.responseFormat) return undefined;
    try {
      return this.deps.toolStages.formatChecker(req.responseFormat);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new ApiError(
        'invalid_request',
        `Invalid JSON Schema for structured output: ${reason}`,
        {
          param: FORMAT_PARAM[req.protocol],
        },
      );
    }
  }

  private async *run(
    req: NeutralRequest,
    ctx: ChatContext,
    model: ResolvedModel,
    format: FormatChecker | undefined,
  ): AsyncGenerator<OutEvent, void, undefined> {
    const settings = this.deps.settings();
    const clientTools = req.tools.length > 0 && req.toolChoice.type !== 'none';
    const reuse =
      settings.sessionReuse && model.mode === 'chat' && !clientTools
        ? planReuse(req, ctx.keyId)
        : undefined;
    const binding = reuse?.lookupKey ? this.deps.reuse.lookup(reuse.lookupKey) : undefined;
    const exclude: string[] = [];
    const failedClients: EngineLease['client'][] = [];
    let lastFailure: TurnFailure | undefined;
    for (let attempt = 1; ; attempt += 1) {
      ctx.trace.set({ attempts: attempt });
      let lease: EngineLease;
      try {
        lease = await this.deps.pool.acquire({
          affinityKey: req.user ?? (req.system ? `sys:${req.system.slice(0, 512)}` : undefined),
          preferInstanceId: binding?.instanceId,
          exclude,
          failedClients,
          signal: ctx.signal,
        });
      } catch (err) {
        // Out of accounts to fail over to: the failure that started it says more than "none
        // left" — unless the gateway is shutting down, which is what the client should hear.
        if (err instanceof ApiError && err.code === 'shutting_down') throw err;
        throw lastFailure?.apiError ?? err;
      }
      ctx.trace.set({
        accountId: lease.accountId,
        accountName: lease.accountName,
        instanceId: lease.instanceId,
        queueWaitMs: lease.queuedMs,
      });
      ctx.trace.event(WATERFALL_EVENTS.lease); // issue 16: waterfall
      const hit = Boolean(
        binding && lease.affinityHonoured && binding.instanceId === lease.instanceId,
      );
      ctx.trace.set({ sessionKind: sessionKindOf(req, hit) }); // issue 16: session kind
      if (reuse?.lookupKey) {
        this.deps.reuse.recordHit(hit);
        ctx.trace.set({ reuseHit: hit });
      }
      // Hang detection wraps the turn's event stream here, at the engine (turn-watchdog.ts).
      const watched: EngineLease = {
        ...lease,
        client: watchClient(lease.client, {
          firstEventMs: settings.firstEventTimeoutMs,
          idleMs: settings.idleTimeoutMs,
        }),
      };
      // Without streaming nothing reaches the client before the whole answer, so an attempt's
      // events are held back and a failed attempt can be replayed at any point, not only before
      // its first event (a crash of a child running several turns costs no unstreamed answer).
      const buffered = !req.stream;
      const held: OutEvent[] = [];
      let produced = false;
      let released = false;
      const release = (failure?: TurnFailure): void => {
        if (released) return;
        released = true;
        lease.release(failure ? failure.outcome : { kind: 'ok' });
      };
      try {
        const turn = playTurn(this.deps, req, ctx, model, watched, {
          clientTools,
          ...(format ? { format } : {}),
          question: hit && reuse ? this.deps.prompts.followUp(req, reuse.newMessages) : undefined,
          sessionId: hit ? binding?.sessionId : undefined,
        });
        let result: IteratorResult<OutEvent, TurnSummary>;
        while (!(result = await turn.next()).done) {
          if (buffered) {
            held.push(result.value);
            continue;
          }
          produced = true;
          yield result.value;
        }
        release();
        produced = true;
        yield* held;
        if (reuse && result.value.sessionId) {
          this.deps.reuse.store(reuse.keyAfter(result.value.answer), {
            sessionId: result.value.sessionId,
            instanceId: lease.instanceId,
          });
        }
        return;
      } catch (err) {
        const failure = failureFromError(err, ctx.signal);
        release(failure);
        // The pool is stopping (quit): that is why the turn died, and what the client hears.
        if (this.deps.pool.closing?.() && !ctx.signal.aborted) throw shuttingDown();
        const mayReplay =
          failure.failover || (failure.outcome.kind === 'timeout' && settings.failoverOnTimeout);
        const canFailover =
          !produced && mayReplay && attempt <= settings.maxFailovers && !ctx.signal.aborted;
        if (!canFailover) throw failure.apiError;
        this.deps.logger.warn('failing over to another account', {
          requestId: ctx.requestId,
          from: lease.instanceId,
          reason: failure.outcome.kind,
        });
        ctx.trace.event(`failover:${failure.outcome.kind}`);
        // A dead child is avoided only until its instance restarts (the pool restarts it at
        // once); any other failure rules the instance out for this request.
        if (failure.outcome.kind === 'connection_lost') failedClients.push(lease.client);
        else exclude.push(lease.instanceId);
        lastFailure = failure;
      } finally {
        // The consumer may stop early (client gone): the lease must still come back.
        release(new TurnFailure({ kind: 'error', message: 'aborted' }, false, aborted()));
      }
    }
  }
}

/** Where each API carries the schema (the `param` of a schema error). */
const FORMAT_PARAM: Record<NeutralRequest['protocol'], string> = {
  openai: 'response_format.json_schema.schema',
  responses: 'text.format.schema',
  anthropic: 'output_config.format.schema',
};

/** The Lingma model a request runs on, for the log and the `x-lingma-model` header. */
export function lingmaModelName(model: ResolvedModel): string {
  return model.key || 'default';
}

function aborted(): ApiError {
  return new ApiError('invalid_request', 'The client closed the request.', { status: 499 });
}
