/**
 * The timing waterfall of one request (issue 16), from what the log recorded: the admission wait
 * before an instance was leased, each upstream ask (sent → Lingma's first event → Lingma done),
 * the first byte to the client and the stream to its end, and every tool call with its duration.
 * Times are ms since the request arrived. Pure: the component only draws these rows.
 */

export type WaterfallKind = 'queue' | 'wait' | 'answer' | 'client' | 'tool' | 'call';

export interface WaterfallRow {
  kind: WaterfallKind;
  start: number;
  end: number;
  /** A tool's name, or the ask number for repeated asks. */
  name?: string;
  /** First byte to the client, inside the `client` row. */
  mark?: number;
}

export interface WaterfallInput {
  time: number;
  durationMs?: number;
  ttfbMs?: number;
  queueWaitMs?: number;
  inProgress?: boolean;
  timeline?: Array<{ kind: string; t: number; count?: number; lastT?: number }>;
  upstreamTools?: Array<{ name?: string; toolCallId?: string; steps?: Array<{ at?: number }> }>;
  clientToolCalls?: Array<{ name?: string; at?: number }>;
}

export interface Waterfall {
  rows: WaterfallRow[];
  /** The scale's end: the duration, or the latest thing seen while running. */
  total: number;
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

export function waterfallOf(e: WaterfallInput, now = Date.now()): Waterfall {
  const rows: WaterfallRow[] = [];
  const timeline = e.timeline ?? [];
  const total = finite(e.durationMs) ? e.durationMs : Math.max(0, now - e.time);
  const clamp = (t: number) => Math.min(total, Math.max(0, t));

  const leases = timeline.filter((t) => t.kind === 'lease');
  if (leases.length > 0) {
    for (const l of leases) {
      const wait = leases.length === 1 && finite(e.queueWaitMs) ? e.queueWaitMs : 0;
      rows.push({ kind: 'queue', start: clamp(l.t - wait), end: clamp(l.t) });
    }
  } else if (finite(e.queueWaitMs) && e.queueWaitMs > 0) {
    rows.push({ kind: 'queue', start: 0, end: clamp(e.queueWaitMs) });
  }

  // Asks in order: ask → first event → end; an ask may end without events (a failed attempt).
  const asks = timeline.filter((t) => t.kind.startsWith('upstream:'));
  let ask: number | undefined;
  let first: number | undefined;
  let n = 0;
  const closeAsk = (end: number) => {
    if (ask === undefined) return;
    n += 1;
    const name = String(n);
    rows.push({ kind: 'wait', start: clamp(ask), end: clamp(first ?? end), name });
    if (first !== undefined)
      rows.push({ kind: 'answer', start: clamp(first), end: clamp(end), name });
    ask = first = undefined;
  };
  for (const t of asks) {
    if (t.kind === 'upstream:ask') {
      closeAsk(t.t);
      ask = t.t;
    } else if (t.kind === 'upstream:first' && ask !== undefined) first = t.t;
    else if (t.kind === 'upstream:end') closeAsk(t.t);
  }
  closeAsk(total);
  // One ask needs no number.
  if (n === 1) for (const r of rows) if (r.kind === 'wait' || r.kind === 'answer') delete r.name;

  if (finite(e.ttfbMs)) {
    rows.push({ kind: 'client', start: clamp(e.ttfbMs), end: total, mark: clamp(e.ttfbMs) });
  }

  for (const tool of e.upstreamTools ?? []) {
    const ats = (tool.steps ?? []).map((s) => s.at).filter(finite);
    if (ats.length === 0) continue;
    rows.push({
      kind: 'tool',
      start: clamp(Math.min(...ats) - e.time),
      end: clamp(Math.max(...ats) - e.time),
      name: tool.name ?? tool.toolCallId ?? 'tool',
    });
  }
  for (const call of e.clientToolCalls ?? []) {
    if (!finite(call.at)) continue;
    const at = clamp(call.at - e.time);
    rows.push({ kind: 'call', start: at, end: at, name: call.name ?? 'tool' });
  }
  return { rows, total };
}
