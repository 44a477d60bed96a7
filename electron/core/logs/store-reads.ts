/**
 * Reading whole entries back, for the log store: one by id (`get()`) and many (exports). Where an
 * entry lives decides where it is read from: running ones and the gateway's own answers (edge log)
 * in memory, recently finished ones from the ring of their lines, older ones from their file.
 */
import type { ClientIdAliases } from './client-id-alias';
import type { EdgeLog } from './edge-log';
import { settleEntry } from './entry-handle';
import { readEntryAt } from './entry-reader';
import type { EntryRing } from './entry-ring';
import { exportEntries } from './export-entries';
import type { JsonlWriter } from './jsonl-writer';
import type { LogIndex } from './log-index';
import type { LogEntry, LogExport } from './types';

/** The parts of the store these reads need. */
export interface StoreParts {
  readonly index: LogIndex;
  readonly edge: EdgeLog;
  readonly live: ReadonlyMap<string, LogEntry>;
  readonly aliases: ClientIdAliases;
  readonly ring: EntryRing;
  readonly writer: JsonlWriter;
}

/** The full entry by its id or the client's request id, or undefined. */
export async function getEntry(p: StoreParts, wanted: string): Promise<LogEntry | undefined> {
  if (p.edge.has(wanted)) return p.edge.get(wanted);
  const id = p.live.has(wanted) || p.index.has(wanted) ? wanted : p.aliases.resolve(wanted);
  if (id === undefined) return undefined;
  const running = p.live.get(id);
  if (running) return structuredClone(settleEntry(running));
  // The index decides what exists: the ring may still hold lines retention already deleted.
  if (!p.index.has(id)) return undefined;
  const line = p.ring.get(id);
  if (line !== undefined) return JSON.parse(line) as LogEntry;
  const loc = p.index.get(id)?.loc;
  if (!loc) return undefined;
  if (p.writer.isBuffered(loc)) p.writer.flush();
  return readEntryAt(p.writer.path(loc.file), loc, id);
}

/** Every entry whose id `keep` accepts, as one JSON array, oldest first. */
export function exportWhere(p: StoreParts, keep: (id: string) => boolean): Promise<LogExport> {
  p.writer.flush();
  return exportEntries({
    records: p.index.all().filter((r) => keep(r.summary.id)),
    edge: p.edge.all().filter((e) => keep(e.id)),
    live: p.live,
    path: (f) => p.writer.path(f),
  });
}
