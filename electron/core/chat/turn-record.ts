/**
 * One request's turn as ONE record: what the client received (text, reasoning and tool calls, in
 * the order they went out), the usage, the timings and how it ended. The engine adds every event
 * exactly once, as it leaves the engine; the non-streamed bodies, the request log and the metrics
 * all read this record, and nothing else accumulates answer text.
 */
import type { TurnOutcome } from './outcome';
import type {
  BridgedToolCall,
  ChatResult,
  FinishReason,
  NeutralToolCall,
  OutEvent,
  ResultCall,
  Usage,
} from './types';

/** One piece of the answer. Consecutive text (and reasoning) deltas merge into one part. */
export type OutputPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** `at`: epoch ms the call went out (the request log shows it). */
  | { type: 'tool_call'; call: NeutralToolCall; at: number }
  | { type: 'upstream_tool'; call: BridgedToolCall; at: number };

const zeroUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, reasoningTokens: 0 });

/**
 * The output half of a record: events folded into ordered parts. A call id seen twice is one call
 * (the bridge may surface a call and later its result); without a finish event the answer counts
 * as stopped with zero usage.
 */
export class TurnOutput implements ChatResult {
  readonly parts: OutputPart[] = [];
  finishReason: FinishReason = 'stop';
  usage: Usage = zeroUsage();
  /** A finish event was added. */
  finished = false;

  /** Folds `events` into a fresh output (fixtures, and bodies built from raw events). */
  static of(events: readonly OutEvent[]): TurnOutput {
    const out = new TurnOutput();
    for (const ev of events) out.add(ev);
    return out;
  }

  add(ev: OutEvent, at = 0): void {
    const last = this.parts[this.parts.length - 1];
    switch (ev.type) {
      case 'text':
      case 'reasoning':
        if (last?.type === ev.type) last.text += ev.text;
        else this.parts.push({ type: ev.type, text: ev.text });
        return;
      case 'tool_call':
      case 'upstream_tool':
        this.parts.push({ type: ev.type, call: ev.call, at } as OutputPart);
        return;
      case 'finish':
        this.finished = true;
        this.finishReason = ev.finishReason;
        this.usage = { ...ev.usage };
        return;
    }
  }

  get text(): string {
    return this.join('text');
  }

  get reasoning(): string {
    return this.join('reasoning');
  }

  /** The calls in emission order, one per id (a later result fills an earlier call's). */
  get calls(): ResultCall[] {
    const out: ResultCall[] = [];
    const byId = new Map<string, ResultCall>();
    for (const p of this.parts) {
      if (p.type !== 'tool_call' && p.type !== 'upstream_tool') continue;
      let entry: ResultCall;
      if (p.type === 'tool_call') entry = { call: p.call, source: 'client' };
      else {
        const { result, ...call } = p.call;
        entry = result ? { call, source: 'upstream', result } : { call, source: 'upstream' };
      }
      const seen = byId.get(entry.call.id);
      if (!seen) {
        byId.set(entry.call.id, entry);
        out.push(entry);
      } else if (!seen.result && entry.result) seen.result = entry.result;
    }
    return out;
  }

  /** The parts as events in emission order (merged deltas), ending with the finish if any. */
  events(): OutEvent[] {
    const out: OutEvent[] = this.parts.map((p): OutEvent => {
      if (p.type === 'text' || p.type === 'reasoning') return { type: p.type, text: p.text };
      return p.type === 'tool_call'
        ? { type: 'tool_call', call: p.call }
        : { type: 'upstream_tool', call: p.call };
    });
    if (this.finished)
      out.push({ type: 'finish', finishReason: this.finishReason, usage: this.usage });
    return out;
  }

  private join(type: 'text' | 'reasoning'): string {
    let s = '';
    for (const p of this.parts) if (p.type === type) s += p.text;
    return s;
  }
}

/** The whole record: output plus timings (measured here, once) and the outcome. */
export class TurnRecord extends TurnOutput {
  /** Epoch ms the request arrived. */
  readonly startedAt: number;
  /** Time to the first event that is not the finish (text, reasoning or a call). */
  ttfbMs: number | undefined;
  durationMs: number | undefined;
  outcome: TurnOutcome | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    startedAt?: number,
  ) {
    super();
    this.startedAt = startedAt ?? now();
  }

  override add(ev: OutEvent): void {
    // The clock is read only when the time matters: the first output, and each call.
    const timed =
      this.ttfbMs === undefined || ev.type === 'tool_call' || ev.type === 'upstream_tool';
    const at = timed ? this.now() : 0;
    if (this.ttfbMs === undefined && ev.type !== 'finish') this.ttfbMs = at - this.startedAt;
    super.add(ev, at);
  }

  /** Ends the record once; later calls keep the first outcome. */
  end(outcome: TurnOutcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.durationMs = this.now() - this.startedAt;
  }

  /** Milliseconds since the request arrived. */
  elapsedMs(): number {
    return this.now() - this.startedAt;
  }
}
