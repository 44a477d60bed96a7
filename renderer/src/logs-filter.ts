import type { LogSummaryDto } from '../../electron/shared/dto';

export interface LogFilter {
  text: string;
  status: '' | 'ok' | 'error';
  protocol: string;
  model: string;
  account: string;
  /** Issue 16: the client's name, the key's name (or a wrong key's hint), refused or served. */
  client: string;
  key: string;
  origin: '' | 'refused' | 'served';
  hasToolCalls: boolean;
}

export const EMPTY_FILTER: LogFilter = {
  text: '',
  status: '',
  protocol: '',
  model: '',
  account: '',
  client: '',
  key: '',
  origin: '',
  hasToolCalls: false,
};

export function isError(e: LogSummaryDto): boolean {
  return Boolean(e.error) || (e.status !== undefined && e.status >= 400);
}

/**
 * The lower-cased text a search looks in, made once per row: rows are immutable (an update is a
 * new object), so typing a word letter by letter scans cached strings instead of rebuilding and
 * lower-casing 100k of them per keystroke.
 */
const hayCache = new WeakMap<LogSummaryDto, string>();

function hayOf(e: LogSummaryDto): string {
  let hay = hayCache.get(e);
  if (hay === undefined) {
    hay =
      `${e.id} ${e.endpoint} ${e.model ?? ''} ${e.resolvedModel ?? ''} ${e.account ?? ''} ${e.error ?? ''} ${e.status ?? ''} ${e.client ?? ''} ${e.keyName ?? ''} ${e.keyHint ?? ''}`.toLowerCase();
    hayCache.set(e, hay);
  }
  return hay;
}

/** One pass over the rows; plain loops keep 100k rows well under the 100 ms target. */
export function filterLogs(rows: LogSummaryDto[], f: LogFilter): LogSummaryDto[] {
  const text = f.text.trim().toLowerCase();
  if (
    !text &&
    !f.status &&
    !f.protocol &&
    !f.model &&
    !f.account &&
    !f.client &&
    !f.key &&
    !f.origin &&
    !f.hasToolCalls
  ) {
    return rows;
  }
  const out: LogSummaryDto[] = [];
  for (const e of rows) {
    if (f.status === 'ok' && isError(e)) continue;
    if (f.status === 'error' && !isError(e)) continue;
    if (f.protocol && e.protocol !== f.protocol) continue;
    if (f.model && e.model !== f.model && e.resolvedModel !== f.model) continue;
    if (f.account && e.account !== f.account) continue;
    if (f.client && e.client !== f.client) continue;
    if (f.key && e.keyName !== f.key && e.keyHint !== f.key) continue;
    if (f.origin && (e.refused !== undefined) !== (f.origin === 'refused')) continue;
    if (f.hasToolCalls && e.toolCalls === 0) continue;
    if (text && !hayOf(e).includes(text)) continue;
    out.push(e);
  }
  return out;
}

/**
 * The distinct values of a field among the newest `scan` rows, sorted: the filter menus' choices
 * (recent clients and keys; scanning all 100k on every push would cost frames).
 */
export function distinct(
  rows: LogSummaryDto[],
  pick: (e: LogSummaryDto) => string | undefined,
  scan = 5000,
): string[] {
  const seen = new Set<string>();
  const n = Math.min(rows.length, scan);
  for (let i = 0; i < n; i++) {
    const v = pick(rows[i] as LogSummaryDto);
    if (v) seen.add(v);
  }
  return [...seen].sort((a, b) => a.localeCompare(b));
}
