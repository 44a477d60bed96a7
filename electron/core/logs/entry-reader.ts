/**
 * Reading finished entries back from their files: one entry by location (`get()` of an entry no
 * longer in memory) and many at once (exports: each file read once, lines copied without a
 * parse/serialise round trip). Every line read is checked to really be the wanted entry, so a
 * location made stale by a failed write or a deleted file yields nothing rather than a wrong entry.
 */
import { open, readFile } from 'node:fs/promises';
import { isStoredEntry } from './entry-builder';
import type { EntryLocation } from './jsonl-writer';
import type { LogFile } from './log-files';
import type { LogEntry } from './types';

/** Lines start with the id: entries are serialised with `id` as their first field. */
function startsWithId(line: string, id: string): boolean {
  return line.startsWith(`{"id":${JSON.stringify(id)},`);
}

/** The entry at `loc`, or undefined when the file or the line is gone or is another entry. */
export async function readEntryAt(
  path: string,
  loc: EntryLocation,
  id: string,
): Promise<LogEntry | undefined> {
  if (loc.file.deleted) return undefined;
  let line: string;
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(loc.length);
      const { bytesRead } = await fh.read(buf, 0, loc.length, loc.offset);
      line = buf.toString('utf8', 0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
  if (!startsWithId(line, id)) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return isStoredEntry(value) && value.id === id ? value : undefined;
  } catch {
    return undefined;
  }
}

/** One line wanted by an export. */
export interface WantedLine {
  id: string;
  loc: EntryLocation;
}

/**
 * The raw JSON lines of `wanted`, in the given order, reading each file once. Lines that cannot
 * be found are left out.
 */
export async function readLines(
  wanted: readonly WantedLine[],
  pathOf: (file: LogFile) => string,
): Promise<Map<string, string>> {
  const byFile = new Map<LogFile, WantedLine[]>();
  for (const w of wanted) {
    if (w.loc.file.deleted) continue;
    const list = byFile.get(w.loc.file);
    if (list) list.push(w);
    else byFile.set(w.loc.file, [w]);
  }
  const out = new Map<string, string>();
  for (const [file, list] of byFile) {
    let buf: Buffer;
    try {
      buf = await readFile(pathOf(file));
    } catch {
      continue;
    }
    for (const w of list) {
      const line = buf.toString('utf8', w.loc.offset, w.loc.offset + w.loc.length);
      if (startsWithId(line, w.id)) out.set(w.id, line);
    }
  }
  return out;
}
