import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonlWriter } from './jsonl-writer';
import { listLogFiles, localDay, parseLogLines, type LogFile } from './log-files';
import { selectExpired } from './retention';
import { tempDir } from './test-support';

const DAY = 86_400_000;
const noon = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();
let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

function setup(maxFileBytes = 1_000_000) {
  const t = tempDir('writer');
  cleanup = t.cleanup;
  let now = noon(2025, 3, 10);
  const writer = new JsonlWriter({ dir: t.dir, now: () => now, maxFileBytes });
  writer.open();
  return { dir: t.dir, writer, setNow: (ms: number) => (now = ms) };
}

function readAll(dir: string, name: string): unknown[] {
  const out: unknown[] = [];
  parseLogLines(readFileSync(join(dir, name)), (v) => out.push(v));
  return out;
}

describe('JsonlWriter', () => {
  it('buffers until flushed, and locations point at the lines', () => {
    const { dir, writer } = setup();
    const a = writer.append(JSON.stringify({ id: 'a' }));
    const b = writer.append(JSON.stringify({ id: 'b', text: 'é' }));
    expect(readdirSync(dir)).toEqual([]);
    expect(writer.isBuffered(b)).toBe(true);
    writer.flush();
    expect(writer.isBuffered(b)).toBe(false);
    const buf = readFileSync(join(dir, 'requests-2025-03-10.jsonl'));
    expect(buf.toString('utf8', a.offset, a.offset + a.length)).toBe('{"id":"a"}');
    expect(JSON.parse(buf.toString('utf8', b.offset, b.offset + b.length))).toEqual({
      id: 'b',
      text: 'é',
    });
  });

  it('rolls over to a new file each local day', () => {
    const { dir, writer, setNow } = setup();
    writer.append('{"id":"1"}');
    setNow(noon(2025, 3, 11));
    writer.append('{"id":"2"}');
    setNow(new Date(2025, 2, 11, 23, 59, 59).getTime());
    writer.append('{"id":"3"}');
    setNow(new Date(2025, 2, 12, 0, 0, 1).getTime());
    writer.append('{"id":"4"}');
    writer.flush();
    expect(readdirSync(dir).sort()).toEqual([
      'requests-2025-03-10.jsonl',
      'requests-2025-03-11.jsonl',
      'requests-2025-03-12.jsonl',
    ]);
    expect(readAll(dir, 'requests-2025-03-11.jsonl')).toEqual([{ id: '2' }, { id: '3' }]);
  });

  it('rolls over by size into numbered parts', () => {
    const { dir, writer } = setup(100);
    const line = JSON.stringify({ id: 'x'.repeat(30) }); // 39 bytes + newline
    for (let i = 0; i < 7; i++) writer.append(line);
    writer.flush();
    const files = listLogFiles(dir);
    expect(files.map((f) => f.name)).toEqual([
      'requests-2025-03-10.jsonl',
      'requests-2025-03-10.1.jsonl',
      'requests-2025-03-10.2.jsonl',
      'requests-2025-03-10.3.jsonl',
    ]);
    for (const f of files) expect(f.size).toBeLessThanOrEqual(100);
    expect(files.reduce((n, f) => n + readAll(dir, f.name).length, 0)).toBe(7);
  });

  it('continues today’s file after a restart and ends a torn last line first', () => {
    const { dir, writer } = setup();
    writer.append('{"id":"1"}');
    writer.close();
    appendFileSync(join(dir, 'requests-2025-03-10.jsonl'), '{"id":"torn","x":'); // crash mid-line
    const again = new JsonlWriter({ dir, now: () => noon(2025, 3, 10), maxFileBytes: 1e6 });
    again.open();
    const loc = again.append('{"id":"2"}');
    again.flush();
    const buf = readFileSync(join(dir, 'requests-2025-03-10.jsonl'));
    expect(buf.toString('utf8', loc.offset, loc.offset + loc.length)).toBe('{"id":"2"}');
    const seen: unknown[] = [];
    const { skipped } = parseLogLines(buf, (v) => seen.push(v));
    expect(seen).toEqual([{ id: '1' }, { id: '2' }]);
    expect(skipped).toBe(1);
  });

  it('ignores foreign files and sorts parts numerically', () => {
    const { dir } = setup();
    for (const n of ['requests-2025-03-10.10.jsonl', 'requests-2025-03-10.2.jsonl', 'notes.txt']) {
      writeFileSync(join(dir, n), '');
    }
    expect(listLogFiles(dir).map((f) => f.part)).toEqual([2, 10]);
  });
});

describe('retention', () => {
  const file = (day: string, size: number, part = 0): LogFile => ({
    name: `${day}.${part}`,
    day,
    part,
    size,
  });
  const now = noon(2025, 3, 20);
  const files = [
    file('2025-03-01', 100),
    file('2025-03-05', 100),
    file('2025-03-13', 100),
    file('2025-03-13', 100, 1),
    file('2025-03-20', 100),
  ];

  it('removes files whose whole day is older than the age limit', () => {
    const doomed = selectExpired(files, now, { maxAgeDays: 7, maxTotalBytes: 1e9 }, files[4]);
    expect(doomed.map((f) => f.day)).toEqual(['2025-03-01', '2025-03-05']);
    // 2025-03-13 ended at midnight of the 14th: 6.5 days ago, kept.
    expect(localDay(now - 7 * DAY)).toBe('2025-03-13');
  });

  it('removes the oldest files until the total fits, never the active one', () => {
    const doomed = selectExpired(files, now, { maxAgeDays: 365, maxTotalBytes: 250 }, files[4]);
    expect(doomed.map((f) => f.name)).toEqual(['2025-03-01.0', '2025-03-05.0', '2025-03-13.0']);
    const onlyActive = selectExpired(
      [files[4]!],
      now,
      { maxAgeDays: 0, maxTotalBytes: 1 },
      files[4],
    );
    expect(onlyActive).toEqual([]);
  });
});

describe.runIf(process.platform !== 'win32')('JsonlWriter file modes', () => {
  it('writes files 0600 in a 0700 directory, tightening ones an older build left open', () => {
    const t = tempDir('modes');
    cleanup = t.cleanup;
    const dir = join(t.dir, 'logs');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const old = join(dir, 'requests-2025-03-10.jsonl');
    writeFileSync(old, '{"id":"old"}\n', { mode: 0o644 });
    chmodSync(old, 0o644);
    const writer = new JsonlWriter({ dir, now: () => noon(2025, 3, 10), maxFileBytes: 1_000_000 });
    writer.open();
    writer.append('{"id":"a"}');
    writer.flush();
    writer.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(old).mode & 0o777).toBe(0o600);
    const fresh = new JsonlWriter({ dir, now: () => noon(2025, 3, 11), maxFileBytes: 1_000_000 });
    fresh.open();
    fresh.append('{"id":"b"}');
    fresh.flush();
    fresh.close();
    expect(statSync(join(dir, 'requests-2025-03-11.jsonl')).mode & 0o777).toBe(0o600);
  });
});
