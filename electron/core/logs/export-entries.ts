/**
 * Exports: full entries as one JSON array, oldest first. Finished entries come from their files
 * (each file read once, lines copied as they are), running ones from memory, and requests the
 * gateway answered itself (issue 16) from the edge log, which keeps them in memory only.
 */
import { settleEntry } from './entry-handle';
import { readLines } from './entry-reader';
import type { LogFile } from './log-files';
import type { IndexRecord } from './log-index';
import type { LogEntry, LogExport } from './types';

export interface ExportSources {
  records: readonly IndexRecord[];
  edge: readonly LogEntry[];
  live: ReadonlyMap<string, LogEntry>;
  path(file: LogFile): string;
}

export async function exportEntries(s: ExportSources): Promise<LogExport> {
  const snapshot = [...s.records];
  const onDisk = snapshot.flatMap((r) =>
    r.loc && !s.live.has(r.summary.id) ? [{ id: r.summary.id, loc: r.loc }] : [],
  );
  const lines = await readLines(onDisk, s.path);
  const parts: Array<{ time: number; line: string }> = [];
  for (const r of snapshot) {
    const running = s.live.get(r.summary.id);
    const line = running ? JSON.stringify(settleEntry(running)) : lines.get(r.summary.id);
    if (line !== undefined) parts.push({ time: r.summary.time, line });
  }
  for (const e of s.edge) parts.push({ time: e.time, line: JSON.stringify(e) });
  // Both lists are already oldest first; a stable sort interleaves them.
  if (s.edge.length > 0) parts.sort((a, b) => a.time - b.time);
  return { count: parts.length, json: `[${parts.map((p) => p.line).join(',\n')}]` };
}
