/**
 * The renderer's list of log summaries (newest first) and how pushes are merged into it. A push
 * touches a handful of entries, the list may hold 100k: merging must not rebuild an index or walk
 * the whole list each time, or live updates drop frames while the user scrolls.
 */
import type { LogSummaryDto } from '../../electron/shared/dto';

/** Upper bound of log summaries kept in memory by the renderer. */
export const MAX_LOG_ROWS = 100_000;

const idsCache = new WeakMap<LogSummaryDto[], Set<string>>();

/** The ids in `rows`, cached per array (a merge hands its set on to the array it returns). */
export function knownIds(rows: LogSummaryDto[]): Set<string> {
  let ids = idsCache.get(rows);
  if (!ids) idsCache.set(rows, (ids = new Set(rows.map((r) => r.id))));
  return ids;
}

/**
 * Inserts or replaces rows by id, newest first, bounded by `max`. Never mutates `rows`. Replaced
 * rows are found from the top, where entries still in progress live.
 */
export function mergeRows(
  rows: LogSummaryDto[],
  upserts: LogSummaryDto[],
  max = MAX_LOG_ROWS,
): LogSummaryDto[] {
  if (upserts.length === 0) return rows;
  const ids = knownIds(rows);
  const replace = new Map<string, LogSummaryDto>();
  const freshById = new Map<string, LogSummaryDto>();
  for (const u of upserts) (ids.has(u.id) ? replace : freshById).set(u.id, u);

  let kept = rows;
  if (replace.size > 0) {
    kept = rows.slice();
    let left = replace.size;
    for (let i = 0; i < kept.length && left > 0; i++) {
      const r = replace.get((kept[i] as LogSummaryDto).id);
      if (r) {
        kept[i] = r;
        left -= 1;
      }
    }
  }
  let head = [...freshById.values()].sort((a, b) => b.time - a.time);
  if (head.length > max) head = head.slice(0, max);
  // Trim before joining: one copy of the list per push, not two.
  const room = max - head.length;
  let tail = kept;
  if (tail.length > room) {
    for (let i = room; i < tail.length; i++) ids.delete((tail[i] as LogSummaryDto).id);
    if (tail === rows) tail = rows.slice(0, room);
    else tail.length = room;
  }
  const merged = head.length ? head.concat(tail) : tail;
  if (merged === rows) return rows;

  // Hand the id set on: the old array keeps none (it is rebuilt if ever asked for again).
  idsCache.delete(rows);
  for (const f of head) ids.add(f.id);
  idsCache.set(merged, ids);
  return merged;
}

/**
 * Drops rows by id (issue 16: refused requests the core's bound let go of). Never mutates `rows`;
 * one pass, and only when one of the ids is actually shown.
 */
export function removeRows(rows: LogSummaryDto[], removed: readonly string[]): LogSummaryDto[] {
  if (removed.length === 0) return rows;
  const ids = knownIds(rows);
  const gone = new Set(removed.filter((id) => ids.has(id)));
  if (gone.size === 0) return rows;
  const kept = rows.filter((r) => !gone.has(r.id));
  idsCache.delete(rows);
  for (const id of gone) ids.delete(id);
  idsCache.set(kept, ids);
  return kept;
}
