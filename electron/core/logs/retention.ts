/**
 * Which log files to delete: those whose whole day is older than the age limit, then the oldest
 * ones until the total fits the size limit. The file being written is never chosen.
 */
import { DAY, dayEnd, type LogFile } from './log-files';

/** Limits applied on start and on every flush tick. */
export interface RetentionPolicy {
  /** Files whose day ended more than this many days ago go. */
  maxAgeDays: number;
  /** Total size of all log files, in bytes. */
  maxTotalBytes: number;
}

/** 14 days, 200 MiB. */
export const DEFAULT_RETENTION: RetentionPolicy = {
  maxAgeDays: 14,
  maxTotalBytes: 200 * 1024 * 1024,
};

/** Files to delete, oldest first. `files` must be sorted oldest first. */
export function selectExpired(
  files: readonly LogFile[],
  now: number,
  policy: RetentionPolicy,
  active?: LogFile,
): LogFile[] {
  const cutoff = now - policy.maxAgeDays * DAY;
  const doomed = new Set<LogFile>();
  let total = 0;
  for (const f of files) {
    if (f.deleted) continue;
    total += f.size;
    if (f !== active && dayEnd(f.day) <= cutoff) doomed.add(f);
  }
  for (const f of doomed) total -= f.size;
  for (const f of files) {
    if (total <= policy.maxTotalBytes) break;
    if (f.deleted || f === active || doomed.has(f)) continue;
    doomed.add(f);
    total -= f.size;
  }
  return files.filter((f) => doomed.has(f));
}
