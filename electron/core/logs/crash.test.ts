import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogService } from './index';
import { tempDir } from './test-support';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const logsIndex = fileURLToPath(new URL('./index.ts', import.meta.url));

/** Loss allowed by the contract (flush ≤ 1 s) plus slack for a busy machine. */
const MAX_LOSS_MS = 1500;
const RUN_MS = 3000;

// The child: finishes entries continuously (default flush interval) and prints each finish time.
// The rate (~250/s, well under 1 MiB in the whole run) keeps the writer's size-triggered flush
// out of play, so only the timed flush can save these entries.
const childScript = `
import { createLogService } from ${JSON.stringify(logsIndex)};
const s = createLogService({ dir: process.argv[2] });
await s.start();
let i = 0;
const next = () => {
  const id = 'req_' + i++;
  const h = s.begin({ id, protocol: 'openai', endpoint: 'POST /v1/chat/completions',
    requestBody: { model: 'm', messages: [{ role: 'user', content: 'hello ' + id }] } });
  h.update({ accountName: 'alice', resolvedModel: 'qwen3', tokensIn: 3 });
  h.finish({ status: 200, tokensOut: 5 });
  process.stdout.write(id + ' ' + Date.now() + '\\n');
  setTimeout(next, 4);
};
next();
`;

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

describe('crash safety', () => {
  it('a kill -9 loses at most about a second of finished entries', async () => {
    const t = tempDir('crash');
    cleanup = t.cleanup;
    const script = join(t.dir, 'writer.mts');
    const logDir = join(t.dir, 'logs');
    writeFileSync(script, childScript);
    const child = spawn(process.execPath, ['--import', 'tsx', script, logDir], {
      cwd: repoRoot, // where `tsx` resolves
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let killAt = 0;
    try {
      await waitFor(() => out.includes('\n') || child.exitCode !== null, 20_000);
      expect(child.exitCode, err).toBeNull();
      await new Promise((r) => setTimeout(r, RUN_MS));
      killAt = Date.now();
      child.kill('SIGKILL');
    } finally {
      if (!killAt) child.kill('SIGKILL');
      await exited;
    }

    const finished = out
      .split('\n')
      .map((l) => l.split(' '))
      .filter((p): p is [string, string] => p.length === 2)
      .map(([id, at]) => ({ id, at: Number(at) }));
    const mustSurvive = finished.filter((f) => f.at < killAt - MAX_LOSS_MS);
    expect(mustSurvive.length).toBeGreaterThan(100); // the child really ran for a while

    const store = createLogService({ dir: logDir });
    await store.start();
    try {
      const onDisk = new Set(
        (JSON.parse((await store.exportAll()).json) as Array<{ id: string }>).map((e) => e.id),
      );
      const lost = mustSurvive.filter((f) => !onDisk.has(f.id));
      expect(lost.slice(0, 5)).toEqual([]);
      expect(store.usage({ days: 1 })[0]?.requests).toBe(onDisk.size);
    } finally {
      await store.stop();
    }
  });
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
