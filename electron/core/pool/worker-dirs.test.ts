import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearWorkerLogin, instanceIdFor, syncWorkerLogin, workerWorkDir } from './worker-dirs';

let root: string;
let primary: string;
let worker: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'pool-workers-'));
  primary = join(root, 'workdir');
  worker = workerWorkDir(primary, 2);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(dir: string, name: string, content: string, mtimeSec?: number) {
  await mkdir(join(dir, 'cache'), { recursive: true });
  await writeFile(join(dir, 'cache', name), content);
  if (mtimeSec !== undefined) await utimes(join(dir, 'cache', name), mtimeSec, mtimeSec);
}
const read = (dir: string, name: string) => readFile(join(dir, 'cache', name), 'utf8');

describe('worker dirs', () => {
  it('names instances and worker dirs', () => {
    expect([instanceIdFor('acc', 1), instanceIdFor('acc', 3)]).toEqual(['acc', 'acc#3']);
    expect(workerWorkDir('/d/workdir', 1)).toBe('/d/workdir');
    expect(workerWorkDir('/d/workdir', 2)).toBe('/d/workdir-w2');
  });

  it('copies nothing while the primary has no login', async () => {
    await put(primary, 'id', 'machine-id');
    expect(await syncWorkerLogin(primary, worker)).toBe(false);
  });

  it('copies the login pair and the optional files into a missing worker dir (0600)', async () => {
    await put(primary, 'id', 'machine-id');
    await put(primary, 'user', 'encrypted-user');
    await put(primary, 'quota', 'q');
    expect(await syncWorkerLogin(primary, worker)).toBe(true);
    expect([
      await read(worker, 'id'),
      await read(worker, 'user'),
      await read(worker, 'quota'),
    ]).toEqual(['machine-id', 'encrypted-user', 'q']);
    if (process.platform !== 'win32') {
      expect((await stat(join(worker, 'cache', 'user'))).mode & 0o777).toBe(0o600);
    }
    expect(await syncWorkerLogin(primary, worker)).toBe(false); // already current
  });

  it('replaces an outdated copy but keeps a newer one (the worker refreshed its own token)', async () => {
    await put(primary, 'id', 'id-new', 2_000_000);
    await put(primary, 'user', 'user-new', 2_000_000);
    await put(worker, 'id', 'id-old', 1_000_000);
    await put(worker, 'user', 'user-old', 1_000_000);
    expect(await syncWorkerLogin(primary, worker)).toBe(true);
    expect(await read(worker, 'user')).toBe('user-new');
    await put(worker, 'user', 'user-refreshed', 3_000_000);
    expect(await syncWorkerLogin(primary, worker)).toBe(false);
    expect(await read(worker, 'user')).toBe('user-refreshed');
  });

  it('clears a worker’s login copy but keeps its machine id, and a new login copies in again', async () => {
    await put(primary, 'id', 'machine-id');
    await put(primary, 'user', 'encrypted-user');
    await syncWorkerLogin(primary, worker);
    await clearWorkerLogin(worker);
    await expect(read(worker, 'user')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await read(worker, 'id')).toBe('machine-id');
    await clearWorkerLogin(worker); // nothing left to clear is fine
    expect(await syncWorkerLogin(primary, worker)).toBe(true);
  });
});
