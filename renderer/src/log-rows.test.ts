import { describe, expect, it } from 'vitest';
import type { LogSummaryDto } from '../../electron/shared/dto';
import { knownIds, mergeRows, removeRows } from './log-rows';

const row = (id: string, time: number, status?: number): LogSummaryDto =>
  ({ id, time, status }) as unknown as LogSummaryDto;
const ids = (rows: LogSummaryDto[]): string[] => rows.map((r) => r.id);

describe('mergeRows', () => {
  it('puts new entries on top, newest first, and replaces known ones in place', () => {
    const rows = [row('c', 3), row('b', 2), row('a', 1)];
    const merged = mergeRows(rows, [row('b', 2, 200), row('d', 4), row('e', 5)]);
    expect(ids(merged)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(merged[3]?.status).toBe(200);
    // The input is untouched: React and the paused view still hold it.
    expect(ids(rows)).toEqual(['c', 'b', 'a']);
    expect(rows[1]?.status).toBeUndefined();
  });

  it('keeps the latest of an id pushed twice in one batch, once', () => {
    const merged = mergeRows([row('a', 1)], [row('b', 2), row('b', 2, 500)]);
    expect(ids(merged)).toEqual(['b', 'a']);
    expect(merged[0]?.status).toBe(500);
  });

  it('drops the oldest beyond the bound and forgets their ids', () => {
    const rows = [row('b', 2), row('a', 1)];
    const merged = mergeRows(rows, [row('c', 3)], 2);
    expect(ids(merged)).toEqual(['c', 'b']);
    expect([...knownIds(merged)].sort()).toEqual(['b', 'c']);
    // An entry that fell off comes back as new, not as a replacement of nothing.
    expect(ids(mergeRows(merged, [row('a', 1, 200)], 3))).toEqual(['a', 'c', 'b']);
  });

  it('returns the same array when nothing is pushed; the id index follows every merge', () => {
    const rows = [row('a', 1)];
    expect(mergeRows(rows, [])).toBe(rows);
    let cur = rows;
    for (let i = 0; i < 50; i++) cur = mergeRows(cur, [row(`n${i}`, 10 + i), row('a', 1, i)]);
    expect(cur).toHaveLength(51);
    expect(knownIds(cur).size).toBe(51);
    expect(cur.at(-1)?.status).toBe(49);
    // The old array's index is rebuilt on demand, not shared with the new one.
    expect(knownIds(rows)).toEqual(new Set(['a']));
  });

  it('stays right at the 100k bound (speed is measured by the logs-ui bench)', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => row(`r${i}`, 100_000 - i));
    let cur = big;
    for (let i = 0; i < 20; i++) cur = mergeRows(cur, [row(`x${i}`, 200_000 + i), row('r0', 1, i)]);
    expect(cur).toHaveLength(100_000);
    expect(ids(cur.slice(0, 3))).toEqual(['x19', 'x18', 'x17']);
    expect(cur[20]).toMatchObject({ id: 'r0', status: 19 });
    expect(cur.at(-1)?.id).toBe('r99979');
    expect(knownIds(cur).has('r99980')).toBe(false);
    expect(knownIds(cur).size).toBe(100_000);
  });

  it('drops rows the core let go of, and keeps its id index right (issue 16)', () => {
    const rows = [row('c', 3), row('b', 2), row('a', 1)];
    expect(removeRows(rows, [])).toBe(rows);
    expect(removeRows(rows, ['zzz'])).toBe(rows);
    const kept = removeRows(rows, ['b', 'zzz']);
    expect(ids(kept)).toEqual(['c', 'a']);
    expect(ids(rows)).toEqual(['c', 'b', 'a']);
    expect(knownIds(kept)).toEqual(new Set(['c', 'a']));
    expect(ids(mergeRows(kept, [row('b', 2)]))).toEqual(['b', 'c', 'a']);
  });
});
