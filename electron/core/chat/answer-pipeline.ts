/**
 * One upstream answer through the turn's stages, event by event — no I/O, no clock:
 *
 *   chat/answer delta ─ overwrite → suffix (answer-deltas.ts)
 *                     ─ Lingma's tool-card markup stripped (markup filter)
 *                     ─ ```tool_call blocks → emulated calls (tool stage)
 *                     ─ held while structured output is checked (structured-stage.ts)
 *                     ─ a corrective retry's repeat of sent text dropped, and calls already sent
 *                       dropped (the emit filter below)
 *   chat/think        → reasoning
 *   tool messages     → the request log, and bridged calls when the client defined no tools
 *   chat/finish       → its outcome (a failure ends the turn), its session, its fullAnswer
 *
 * `settle()` ends the answer: the tail of every stage, then either the corrective follow-up to
 * send (when the budget allows) or the final events.
 */
import type { ChatEvent, UpstreamToolMessage } from '../lingma/types';
import { AnswerAccumulator } from './answer-deltas';
import { finishOutcome, TurnFailure } from './outcome';
import type { RequestTrace } from './ports';
import { StructuredStage } from './structured-stage';
import type {
  FormatChecker,
  RetryFilter,
  TextFilter,
  ToolNamer,
  ToolStage,
  ToolStageFactory,
  UpstreamBridge,
} from './tool-seams';
import type { NeutralRequest, OutEvent } from './types';

/** What corrective retries carry from one attempt to the next on the same lease. */
export interface RetryState {
  toolRetriesLeft: number;
  formatRetriesLeft: number;
  /** The client has received text from an earlier attempt. */
  sentText: boolean;
  /** The text the corrected attempt showed the client ('' on a first attempt). */
  previousText: string;
  /** `name\narguments` of the calls earlier attempts sent. */
  readonly earlierCalls: Set<string>;
  /** Any attempt sent a call. */
  anyCall: boolean;
}

export interface PipelineDeps {
  tools: ToolStageFactory;
  req: NeutralRequest;
  trace: RequestTrace;
  /** The client offered tools: emulate them (else Lingma's own tool events are bridged). */
  clientTools: boolean;
  format?: FormatChecker;
  retry: RetryState;
  emit(ev: OutEvent): void;
}

export class AnswerPipeline {
  /** Lingma's answer of this attempt (overwrites applied). */
  readonly acc = new AnswerAccumulator();
  /** The session the finish named ('' until then). */
  sessionId = '';
  private readonly stage: ToolStage;
  private readonly bridge: UpstreamBridge | undefined;
  private readonly structured: StructuredStage | undefined;
  private readonly markup: TextFilter;
  private readonly repeat: RetryFilter | undefined;
  private namer: ToolNamer | undefined;
  /** How much of `acc.sent` the namer and the bridge have read (they read it lazily). */
  private observed = 0;
  private attemptText = '';
  private readonly attemptCalls = new Set<string>();

  constructor(private readonly d: PipelineDeps) {
    // Always parsed: without tools offered, a call block is a call to a tool nobody offered.
    this.stage = d.tools.clientStage(d.req, { holdInvalid: true });
    this.bridge = d.clientTools ? undefined : d.tools.upstreamBridge();
    this.structured = d.format ? new StructuredStage(d.format) : undefined;
    this.markup = d.tools.markupFilter();
    const r = d.retry;
    this.repeat = r.previousText ? d.tools.retryFilter(r.previousText, r.sentText) : undefined;
  }

  /** One upstream event. Throws TurnFailure on a failed finish. */
  upstream(ev: ChatEvent): void {
    switch (ev.type) {
      case 'text':
        this.answer(this.acc.push(ev.text, ev.overwrite));
        return;
      case 'think':
        if (ev.text) this.d.emit({ type: 'reasoning', text: ev.text });
        return;
      case 'tool':
        this.tool(ev.message);
        return;
      case 'step':
        this.d.trace.event(`step:${ev.step}:${ev.status}`);
        return;
      case 'title':
        return;
      case 'finish': {
        const outcome = finishOutcome(ev.statusCode, ev.reason, ev.resetAt);
        if (outcome.kind !== 'ok') throw new TurnFailure(outcome);
        this.sessionId = ev.sessionId || this.sessionId;
        // Some builds put the whole answer only in the finish.
        if (!this.acc.sent && ev.fullAnswer) this.answer(this.acc.push(ev.fullAnswer, false));
        return;
      }
    }
  }

  /**
   * The answer is over: flushes every stage, then returns the corrective follow-up to send, or
   * null when the answer stands (its last events are out, stripped blocks noted).
   */
  settle(aborted: boolean): string | null {
    const tail = this.markup.end();
    if (tail) this.staged(this.stage.push(tail));
    this.staged(this.stage.end());
    this.repeat?.settle();
    this.feedObservers();
    if (this.bridge)
      for (const call of this.bridge.end()) this.d.emit({ type: 'upstream_tool', call });
    const r = this.d.retry;
    const correction = this.stage.correction();
    if (correction && r.toolRetriesLeft > 0 && !aborted) {
      r.toolRetriesLeft -= 1;
      this.d.trace.event('tool-corrective-retry');
      return this.retrying(correction);
    }
    for (const block of this.stage.withheld())
      this.d.trace.set({
        note: `stripped tool call ${block.name ? `"${block.name}"` : '(unreadable)'}: ${block.reasons.join('; ')}`,
      });
    if (!this.structured) return null;
    const outcome = this.structured.finish(r.anyCall, r.formatRetriesLeft > 0 && !aborted);
    if (outcome.correction) {
      r.formatRetriesLeft -= 1;
      this.d.trace.event('format-corrective-retry');
      return this.retrying(outcome.correction);
    }
    this.emit(outcome.events);
    if (outcome.problems.length > 0)
      this.d.trace.set({
        note: `structured output still invalid after a corrective retry: ${outcome.problems.join('; ')}`,
      });
    return null;
  }

  /** A bridged call of this answer still waits for its result (stop reason "tool use"). */
  pendingToolUse(): boolean {
    return this.bridge?.pendingToolUse() ?? false;
  }

  private answer(delta: string): void {
    if (!delta) return;
    // Lingma's tool-card markup is for its own IDE plugins, never for API clients.
    const shown = this.markup.push(delta);
    if (shown) this.staged(this.stage.push(shown));
  }

  private tool(message: UpstreamToolMessage): void {
    this.namer ??= this.d.tools.toolNamer();
    this.feedObservers();
    this.d.trace.upstreamTool(this.namer.named(message));
    if (!this.bridge) return;
    for (const call of this.bridge.add(message)) this.d.emit({ type: 'upstream_tool', call });
  }

  /**
   * The namer and the bridge read the answer's ```toolCall:: tags only when a tool shows up (or
   * the answer ends), not on every delta. The namer exists from the first tool message on and then
   * reads the whole answer so far.
   */
  private feedObservers(): void {
    const fresh = this.acc.sent.slice(this.observed);
    if (!fresh) return;
    this.observed = this.acc.sent.length;
    this.namer?.observe(fresh);
    this.bridge?.observeText(fresh);
  }

  private staged(events: OutEvent[]): void {
    if (events.length > 0) this.emit(this.structured ? this.structured.push(events) : events);
  }

  /** Last filter: a retry's repeated text and repeated calls never reach the client. */
  private emit(events: readonly OutEvent[]): void {
    const r = this.d.retry;
    for (const e of events) {
      if (e.type === 'text') {
        this.attemptText += e.text;
        const text = this.repeat ? this.repeat.text(e.text) : e.text;
        if (!text) continue;
        r.sentText = true;
        this.d.emit(text === e.text ? e : { type: 'text', text });
        continue;
      }
      this.repeat?.settle();
      if (e.type === 'tool_call') {
        // A retry told not to repeat the calls already accepted may still do so.
        const key = `${e.call.name}\n${e.call.arguments}`;
        if (r.earlierCalls.has(key)) continue;
        this.attemptCalls.add(key);
        r.anyCall = true;
      }
      this.d.emit(e);
    }
  }

  private retrying(correction: string): string {
    const r = this.d.retry;
    r.previousText = this.attemptText;
    for (const key of this.attemptCalls) r.earlierCalls.add(key);
    return correction;
  }
}
