/** A temp HOME for client-setup tests, with helpers to plant files. */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ClientSetup } from './client-setup';
import type { SetupValues } from './types';

export const VALUES: SetupValues = {
  origin: 'http://127.0.0.1:8765',
  key: 'lgw-test-key-0123456789',
  model: 'qwen3-coder',
  models: ['qwen3-coder', 'qwen3-max'],
};

export interface TempHome {
  home: string;
  setup: ClientSetup;
  path(rel: string): string;
  put(rel: string, text: string, mode?: number): Promise<string>;
  read(rel: string): Promise<string>;
  close(): Promise<void>;
}

export async function tempHome(env: Record<string, string> = {}): Promise<TempHome> {
  const root = await mkdtemp(join(tmpdir(), 'lgw-clients-'));
  const home = join(root, 'home');
  await mkdir(home);
  let t = Date.parse('2026-03-01T10:00:00Z');
  const setup = new ClientSetup({
    ctx: { home, env: { PATH: join(root, 'bin'), ...env }, platform: 'linux' },
    backupDir: join(root, 'data', 'client-backups'),
    now: () => (t += 1000),
  });
  const path = (rel: string): string => join(home, rel);
  return {
    home,
    setup,
    path,
    async put(rel, text, mode) {
      const p = path(rel);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, text);
      if (mode !== undefined) await chmod(p, mode);
      return p;
    },
    read: (rel) => readFile(path(rel), 'utf8'),
    close: () => rm(root, { recursive: true, force: true }),
  };
}
