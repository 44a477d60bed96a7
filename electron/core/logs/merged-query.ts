/**
 * One page over two sources (issue 16): the main index (requests that ran) and the edge log
 * (requests the gateway answered itself). Both are asked the same query, cursor included, so each
 * returns its newest matches older than the cursor; the page is their merge, newest first.
 */
import { encodeCursor } from './log-index';
import type { EntrySummary, LogPage } from './types';

const newerFirst = (a: EntrySummary, b: EntrySummary): number =>
  b.time - a.time || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Merges two pages of the same query; `limit` is the page size both were asked for. */
export function mergePages(a: LogPage, b: LogPage, limit: number): LogPage {
  if (b.total === 0) return a;
  if (a.total === 0) return b;
  const all = a.entries.concat(b.entries).sort(newerFirst);
  const entries = all.slice(0, limit);
  const page: LogPage = { entries, total: a.total + b.total, seq: Math.max(a.seq, b.seq) };
  const more = all.length > limit || a.nextCursor !== undefined || b.nextCursor !== undefined;
  const last = entries[entries.length - 1];
  if (more && last) page.nextCursor = encodeCursor(last);
  return page;
}
