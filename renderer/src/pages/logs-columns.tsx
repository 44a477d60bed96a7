/**
 * The Requests grid's columns (issue 16): what each shows, its default width and whether it is
 * shown by default. The user's choice of columns and widths is kept in localStorage. Status and
 * duration come right after the time, so a narrow window still shows how a request went.
 */
import type { LogSummaryDto } from '../../../electron/shared/dto';
import { isError } from '../logs-filter';

/** Words a cell needs, made once by the page (rows mount and unmount all the time). */
export interface CellWords {
  ms(value: number): string;
  bytes(value: number): string;
  running: string;
  refused(kind: string): string;
  session(kind: string): string;
  repeats(count: number): string;
  tokens(tokensIn: number, tokensOut: number): string;
  toolCalls(count: number): string;
}

export type ColumnId =
  | 'time'
  | 'status'
  | 'duration'
  | 'client'
  | 'key'
  | 'model'
  | 'lingmaModel'
  | 'account'
  | 'tools'
  | 'api'
  | 'session'
  | 'tokens'
  | 'ttfb'
  | 'upstreamBytes'
  | 'endpoint'
  | 'id';

export interface ColumnSpec {
  id: ColumnId;
  size: number;
  shown: boolean;
  /** Numbers read right-aligned. */
  numeric?: boolean;
  text(e: LogSummaryDto, w: CellWords): string;
  title?(e: LogSummaryDto, w: CellWords): string | undefined;
}

const time = (t: number) => new Date(t).toLocaleTimeString();

export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'time', size: 96, shown: true, text: (e) => time(e.time) },
  {
    id: 'status',
    size: 72,
    shown: true,
    text: (e, w) =>
      e.inProgress
        ? w.running
        : `${e.status ?? ''}${e.repeats ? ` ${w.repeats(e.repeats + 1)}` : ''}`,
    title: (e, w) => (e.refused ? w.refused(e.refused) : undefined),
  },
  {
    id: 'duration',
    size: 84,
    shown: true,
    numeric: true,
    text: (e, w) => (e.durationMs !== undefined ? w.ms(e.durationMs) : ''),
  },
  {
    id: 'client',
    size: 150,
    shown: true,
    text: (e) => [e.client, e.clientVersion].filter(Boolean).join(' '),
  },
  { id: 'key', size: 100, shown: true, text: (e) => e.keyName ?? e.keyHint ?? '' },
  {
    id: 'model',
    size: 140,
    shown: true,
    text: (e) => e.model ?? '',
    title: (e) => (e.resolvedModel ? `→ ${e.resolvedModel}` : undefined),
  },
  { id: 'lingmaModel', size: 150, shown: false, text: (e) => e.resolvedModel ?? '' },
  { id: 'account', size: 100, shown: true, text: (e) => e.account ?? '' },
  {
    id: 'tools',
    size: 56,
    shown: true,
    numeric: true,
    text: (e) => (e.toolCalls > 0 ? String(e.toolCalls) : ''),
    title: (e, w) => (e.toolCalls > 0 ? w.toolCalls(e.toolCalls) : undefined),
  },
  { id: 'api', size: 84, shown: false, text: (e) => e.protocol },
  {
    id: 'session',
    size: 80,
    shown: false,
    text: (e, w) => (e.sessionKind ? w.session(e.sessionKind) : ''),
  },
  {
    id: 'tokens',
    size: 100,
    shown: false,
    numeric: true,
    text: (e, w) =>
      e.tokensIn !== undefined || e.tokensOut !== undefined
        ? w.tokens(e.tokensIn ?? 0, e.tokensOut ?? 0)
        : '',
  },
  {
    id: 'ttfb',
    size: 80,
    shown: false,
    numeric: true,
    text: (e, w) => (e.ttfbMs !== undefined ? w.ms(e.ttfbMs) : ''),
  },
  {
    id: 'upstreamBytes',
    size: 96,
    shown: false,
    numeric: true,
    text: (e, w) => (e.upstreamBytes !== undefined ? w.bytes(e.upstreamBytes) : ''),
  },
  { id: 'endpoint', size: 200, shown: false, text: (e) => e.endpoint },
  { id: 'id', size: 220, shown: false, text: (e) => e.id },
];

/** A cell's tone: failed requests' status in the error colour, refusals marked too. */
export function cellTone(id: ColumnId, e: LogSummaryDto): string | undefined {
  if (id !== 'status') return undefined;
  if (e.inProgress) return 'running';
  return isError(e) ? 'bad' : undefined;
}

const VIS_KEY = 'lgw.logColumns';
const SIZE_KEY = 'lgw.logColumnSizes';

function readJson(key: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The user's choice of columns: `false` hides (TanStack Table's visibility state). */
export function loadVisibility(): Record<string, boolean> {
  const saved = readJson(VIS_KEY);
  return Object.fromEntries(
    COLUMNS.map((c) => [
      c.id,
      typeof saved[c.id] === 'boolean' ? (saved[c.id] as boolean) : c.shown,
    ]),
  );
}

export function saveVisibility(v: Record<string, boolean>): void {
  localStorage.setItem(VIS_KEY, JSON.stringify(v));
}

/** Widths the user dragged (TanStack Table's sizing state). */
export function loadSizes(): Record<string, number> {
  const saved = readJson(SIZE_KEY);
  const out: Record<string, number> = {};
  for (const c of COLUMNS) {
    const v = saved[c.id];
    if (typeof v === 'number' && v >= 40 && v <= 800) out[c.id] = v;
  }
  return out;
}

export function saveSizes(v: Record<string, number>): void {
  localStorage.setItem(SIZE_KEY, JSON.stringify(v));
}
