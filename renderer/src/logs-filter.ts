import type { LogSummaryDto } from '../../electron/shared/dto';

export interface LogFilter {
  text: string;
  status: '' | 'ok' | 'error';
  protocol: string;
  model: string;
  account: string;
  hasToolCalls: boolean;
}

export const EMPTY_FILTER: LogFilter = {
  text: '',
  status: '',
  protocol: '',
  model: '',
  account: '',
  hasToolCalls: false,
};

export function isError(e: LogSummaryDto): boolean {
  return Boolean(e.error) || (e.status !== undefined && e.status >= 400);
}

/** One pass over the rows; plain loops keep 100k rows well under the 100 ms target. */
export function filterLogs(rows: LogSummaryDto[], f: LogFilter): LogSummaryDto[] {
  const text = f.text.trim().toLowerCase();
  if (!text && !f.status && !f.protocol && !f.model && !f.account && !f.hasToolCalls) return rows;
  const out: LogSummaryDto[] = [];
  for (const e of rows) {
    if (f.status === 'ok' && isError(e)) continue;
    if (f.status === 'error' && !isError(e)) continue;
    if (f.protocol && e.protocol !== f.protocol) continue;
    if (f.model && e.model !== f.model && e.resolvedModel !== f.model) continue;
    if (f.account && e.account !== f.account) continue;
    if (f.hasToolCalls && e.toolCalls === 0) continue;
    if (text) {
      const hay = `${e.id} ${e.endpoint} ${e.model ?? ''} ${e.resolvedModel ?? ''} ${e.account ?? ''} ${e.error ?? ''} ${e.status ?? ''}`;
      if (!hay.toLowerCase().includes(text)) continue;
    }
    out.push(e);
  }
  return out;
}
