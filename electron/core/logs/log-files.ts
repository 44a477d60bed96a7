/**
 * The on-disk layout: `requests-YYYY-MM-DD.jsonl`, then `requests-YYYY-MM-DD.1.jsonl`, `.2`, …
 * when a day outgrows the size limit. One finished entry per line. Days are local calendar days,
 * the ones the user sees in the UI.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DAY_MS = 86_400_000;
const FILE_NAME = /^requests-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.jsonl$/;

/** One log file, with its size as known to this process (flushed bytes). */
export interface LogFile {
  name: string;
  day: string;
  part: number;
  size: number;
  /** Set once retention removed it; locations pointing here are dead. */
  deleted?: boolean;
}

/** The local calendar day `YYYY-MM-DD` of an epoch-ms time. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/** Epoch ms of the local midnight that ends `day`. */
export function dayEnd(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

/** The local day `n` days before the day of `ms` (n = 0 → that day). */
export function dayBefore(ms: number, n: number): string {
  const d = new Date(ms);
  return localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - n, 12).getTime());
}

/** `requests-<day>.jsonl` for part 0, `requests-<day>.<part>.jsonl` after. */
export function fileName(day: string, part: number): string {
  return part === 0 ? `requests-${day}.jsonl` : `requests-${day}.${part}.jsonl`;
}

/** Oldest first: by day, then part. */
export function compareFiles(a: LogFile, b: LogFile): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : a.part - b.part;
}

/** The log files in `dir`, oldest first; other files are ignored. */
export function listLogFiles(dir: string): LogFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: LogFile[] = [];
  for (const name of names) {
    const m = FILE_NAME.exec(name);
    if (!m) continue;
    let size = 0;
    try {
      size = statSync(join(dir, name)).size;
    } catch {
      continue;
    }
    files.push({ name, day: m[1] as string, part: Number(m[2] ?? 0), size });
  }
  return files.sort(compareFiles);
}

/**
 * Calls `onLine` for every JSON line of a file's contents with its byte offset and length. A line
 * that does not parse (the torn tail of a crash, a disk error) is skipped and counted.
 */
export function parseLogLines(
  buf: Buffer,
  onLine: (value: unknown, offset: number, length: number) => void,
): { lines: number; skipped: number } {
  let lines = 0;
  let skipped = 0;
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end === -1) end = buf.length;
    if (end > start) {
      const value = parseLine(buf.toString('utf8', start, end));
      if (value === undefined) skipped++;
      else {
        lines++;
        onLine(value, start, end - start);
      }
    }
    start = end + 1;
  }
  return { lines, skipped };
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** Whole days as ms, for retention arithmetic. */
export const DAY = DAY_MS;
