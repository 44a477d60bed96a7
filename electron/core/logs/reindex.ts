/**
 * Start-up: every log file read once, each line turned into an index record and replayed into the
 * usage totals (which count only what they had not saved yet). Unreadable files are reported and
 * skipped; unreadable lines (torn tails of a crash) are counted.
 */
import { readFile } from 'node:fs/promises';
import { isStoredEntry } from './entry-builder';
import type { JsonlWriter } from './jsonl-writer';
import { parseLogLines } from './log-files';
import { makeRecord, type IndexRecord } from './log-index';
import type { LogEntry } from './types';

export async function reindexFiles(
  writer: JsonlWriter,
  replay: (entry: LogEntry) => void,
  warn: (msg: string, err: unknown) => void,
): Promise<{ records: IndexRecord[]; skippedLines: number }> {
  const records: IndexRecord[] = [];
  let skippedLines = 0;
  for (const file of writer.list()) {
    let buf: Buffer;
    try {
      buf = await readFile(writer.path(file));
    } catch (err) {
      warn('request log file unreadable', err);
      continue;
    }
    const { skipped } = parseLogLines(buf, (value, offset, length) => {
      if (!isStoredEntry(value)) return void skippedLines++;
      records.push(makeRecord(value, { file, offset, length }));
      replay(value);
    });
    skippedLines += skipped;
  }
  return { records, skippedLines };
}
