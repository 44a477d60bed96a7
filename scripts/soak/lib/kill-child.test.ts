import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servingWorkDir } from './kill-child';

const root = mkdtempSync(join(tmpdir(), 'soak-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function workDir(name: string, questions: string[], time = '2026-12-01T10:00:00.000Z'): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const lines = questions.map((q) => JSON.stringify({ time, method: 'chat/ask', questionText: q }));
  writeFileSync(join(dir, 'logs', 'sim-requests.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

describe('servingWorkDir', () => {
  it('finds the child by the whole token, never by a longer token it is a prefix of', () => {
    const a = workDir('a', ['hello t12x15', 'hello t12x150']);
    const b = workDir('b', ['SOAK-LONG t12x1']);
    expect(servingWorkDir([a, b], 't12x1')).toBe(b);
    expect(servingWorkDir([a, b], 't12x15')).toBe(a);
    expect(servingWorkDir([a, b], 't12x2')).toBeUndefined();
  });

  it('after a failover, the child asked most recently (not the first listed)', () => {
    const first = workDir('first', ['hello t7'], '2026-12-01T10:00:00.000Z');
    const second = workDir('second', ['hello t7'], '2026-12-01T10:00:01.500Z');
    expect(servingWorkDir([first, second], 't7')).toBe(second);
  });
});
