/**
 * What the UI benchmark does in the page, and how it reads the results: the filter edits (with
 * the count each must produce, computed by the renderer's own filter function), frame statistics,
 * and the typed shapes of the in-page probe's answers (page-probe.js).
 */
import type { LogSummaryDto } from '../../../electron/shared/dto';
import { EMPTY_FILTER, filterLogs, type LogFilter } from '../../../renderer/src/logs-filter';
import { percentile } from '../lib/stats';

export interface FilterStep {
  label: string;
  /** aria-label of the control, or `toolcalls` for the checkbox. */
  control: 'Search requests' | 'Status' | 'Protocol' | 'toolcalls';
  value: string;
  /** The page's "N of M requests" line once the list shows the result. */
  expectText: string;
  /** Same count as the previous step: nothing visible to wait for, so not timed. */
  unchanged: boolean;
}

export interface FilterTiming {
  handlerMs: number;
  commitMs: number;
  paintMs: number;
}

export interface OpenTiming {
  commitMs: number;
  paintMs: number;
  rows: number;
}

export interface ScrollRun {
  deltas: number[];
  longTasks: number[];
  rows: number;
}

export interface ColdLoad {
  listedMs?: number;
  replyMs?: number;
  replyChars: number;
}

type Edit = [string, FilterStep['control'], string, Partial<LogFilter>];

/** Typing a word letter by letter, pasting, clearing, then the selects and the checkbox. */
const EDITS: Edit[] = [
  ...['t', 'te', 'tea', 'team', 'team-', 'team-b'].map((v): Edit => [
    `type "${v}"`,
    'Search requests',
    v,
    { text: v },
  ]),
  ['clear search', 'Search requests', '', { text: '' }],
  ['paste "quota"', 'Search requests', 'quota', { text: 'quota' }],
  ['clear search', 'Search requests', '', { text: '' }],
  ['status: errors', 'Status', 'error', { status: 'error' }],
  ['+ protocol: anthropic', 'Protocol', 'anthropic', { protocol: 'anthropic' }],
  ['status: any', 'Status', '', { status: '' }],
  ['protocol: any', 'Protocol', '', { protocol: '' }],
  ['tool calls on', 'toolcalls', 'on', { hasToolCalls: true }],
  ['tool calls off', 'toolcalls', 'off', { hasToolCalls: false }],
];

export function filterPlan(rows: LogSummaryDto[]): FilterStep[] {
  let filter: LogFilter = EMPTY_FILTER;
  let previous = `${rows.length} of ${rows.length} requests`;
  return EDITS.map(([label, control, value, patch]) => {
    filter = { ...filter, ...patch };
    const expectText = `${filterLogs(rows, filter).length} of ${rows.length} requests`;
    const step = { label, control, value, expectText, unchanged: expectText === previous };
    previous = expectText;
    return step;
  });
}

/** A frame longer than 1.5 intervals at 60 Hz means at least one frame was not produced. */
export const DROPPED_FRAME_MS = 25;

export interface FrameStats {
  frames: number;
  p50: number;
  p99: number;
  max: number;
  dropped: number;
  longTasks: number;
}

export function frameStats(run: ScrollRun): FrameStats {
  return {
    frames: run.deltas.length,
    p50: percentile(run.deltas, 50),
    p99: percentile(run.deltas, 99),
    max: Math.max(...run.deltas),
    dropped: run.deltas.filter((d) => d > DROPPED_FRAME_MS).length,
    longTasks: run.longTasks.length,
  };
}

const CLIENTS: Array<[string, string]> = [
  ['Claude Code', '2.1.332'],
  ['Codex CLI', '0.171.0'],
  ['OpenAI SDK (JS)', '6.49.0'],
  ['Cline', ''],
];
const KEYS = ['default', 'laptop', 'ci'];

/**
 * The inspector's list fields (issue 16) on synthetic rows, deterministic per row: a client with
 * its version, a key name, a session kind and upstream bytes, so the grid draws what it draws for
 * real traffic; every 50th row is a refused wrong key instead.
 */
export function withInspectorFields(rows: LogSummaryDto[]): LogSummaryDto[] {
  return rows.map((r, i) => {
    const [client, clientVersion] = CLIENTS[i % CLIENTS.length] as [string, string];
    const out: LogSummaryDto = { ...r, client, sessionKind: i % 3 === 0 ? 'new' : 'replay' };
    if (clientVersion) out.clientVersion = clientVersion;
    if (i % 50 === 49) {
      return {
        ...out,
        status: 401,
        refused: 'wrong_key',
        keyHint: 'lgw-3f…',
        error: 'authentication: Invalid API key.',
      };
    }
    return {
      ...out,
      keyName: KEYS[i % KEYS.length] as string,
      upstreamBytes: 500 + ((i * 37) % 40_000),
    };
  });
}

/** New rows for a live-tail push, newest last (its model is what the page waits for). */
export function liveRows(batch: number, size: number): LogSummaryDto[] {
  const now = Date.now();
  return Array.from({ length: size }, (_, i) => ({
    id: `live_${batch}_${i}`,
    time: now + i,
    protocol: 'openai',
    endpoint: 'POST /v1/chat/completions',
    // The requested model is a shown column; the newest row's tells the probe the push landed.
    model: i === size - 1 ? `live-${batch}` : 'auto',
    resolvedModel: 'dashscope_qwen3_coder',
    client: 'Claude Code',
    clientVersion: '2.1.332',
    keyName: 'default',
    account: 'work',
    stream: true,
    status: 200,
    durationMs: 900,
    toolCalls: 0,
    inProgress: false,
  }));
}
