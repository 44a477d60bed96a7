/**
 * Request statistics kept live (issue 16): fetched when asked, again after log pushes (at most
 * every `minGapMs`, so a busy gateway costs the core one stats pass every few seconds, not one
 * per request), and on a timer so the window slides even when nothing happens.
 */
import { useEffect, useRef, useState } from 'react';
import type { LogStatsDto, LogStatsSplit } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { useApp } from '../store';

export interface LiveStatsQuery {
  /** Computes since/until/bucketMs for "now" (the window slides). */
  window(now: number): { since: number; until?: number; bucketMs: number };
  split: LogStatsSplit;
  maxSeries?: number;
}

export function useLiveStats(q: LiveStatsQuery, deps: unknown[], minGapMs = 2000, tickMs = 15_000) {
  const seq = useApp((s) => s.logs.seq);
  const [stats, setStats] = useState<LogStatsDto>();
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const query = useRef(q);
  query.current = q;
  const fetchNow = useRef(() => {
    last.current = Date.now();
    const cur = query.current;
    void getApi()
      .logsStats({
        ...cur.window(Date.now()),
        split: cur.split,
        ...(cur.maxSeries ? { maxSeries: cur.maxSeries } : {}),
      })
      .then(setStats)
      .catch(() => undefined);
  });
  // A changed question: ask at once.
  useEffect(() => {
    fetchNow.current();
    const every = setInterval(() => fetchNow.current(), tickMs);
    return () => clearInterval(every);
  }, deps);
  // New log activity: ask again, throttled.
  useEffect(() => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + minGapMs - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      fetchNow.current();
    }, wait);
  }, [seq, minGapMs]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return stats;
}
