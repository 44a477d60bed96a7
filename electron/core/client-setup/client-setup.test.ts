import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome, VALUES, type TempHome } from './testing';

let h: TempHome;
beforeEach(async () => (h = await tempHome()));
afterEach(() => h.close());

const CLAUDE = '.claude/settings.json';
const ORIGINAL_CLAUDE = `{
  "permissions": { "allow": ["Bash(npm test)"] },
  "env": {
    "DISABLE_TELEMETRY": "1",
    "ANTHROPIC_API_KEY": "sk-ant-real"
  }
}
`;

describe('detecting tools', () => {
  it('finds nothing in an empty home and names the files it would write', async () => {
    const list = await h.setup.detect(VALUES.origin);
    expect(list.map((c) => c.id)).toEqual([
      'claude-code',
      'codex',
      'qwen-code',
      'opencode',
      'continue',
      'cline',
    ]);
    expect(list.every((c) => !c.installed && c.configured === 'none')).toBe(true);
    expect(list.find((c) => c.id === 'codex')?.configPath).toBe(h.path('.codex/config.toml'));
    expect(list.find((c) => c.id === 'cline')).toMatchObject({ writable: false });
    expect(list.find((c) => c.id === 'cline')).not.toHaveProperty('configPath');
  });

  it('spots config folders, programs on PATH and editor extensions', async () => {
    await mkdir(h.path('.codex'), { recursive: true });
    await mkdir(h.path('.vscode/extensions/saoudrizwan.claude-dev-3.20.1'), { recursive: true });
    const bin = join(dirname(h.home), 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'qwen'), '#!/bin/sh\n');
    await chmod(join(bin, 'qwen'), 0o755);
    const list = await h.setup.detect(VALUES.origin);
    const by = Object.fromEntries(list.map((c) => [c.id, c]));
    expect(by.codex).toMatchObject({ installed: true, evidence: '~/.codex' });
    expect(by['qwen-code']).toMatchObject({ installed: true, evidence: 'qwen on PATH' });
    expect(by.cline).toMatchObject({
      installed: true,
      evidence: '~/.vscode/extensions/saoudrizwan.claude-dev-3.20.1',
    });
    expect(by['claude-code']?.installed).toBe(false);
  });
});

describe('applying and restoring', () => {
  it('writes Claude Code env, keeps everything else, and restores the original byte for byte', async () => {
    await h.put(CLAUDE, ORIGINAL_CLAUDE, 0o640);
    const r = await h.setup.apply('claude-code', VALUES);
    expect(r.notes).toEqual(['removed-anthropic-api-key']);
    expect(r.backup).toMatchObject({ createdFile: false });
    const written = JSON.parse(await h.read(CLAUDE)) as Record<string, Record<string, unknown>>;
    expect(written.permissions).toEqual({ allow: ['Bash(npm test)'] });
    expect(written.env).toEqual({
      DISABLE_TELEMETRY: '1',
      ANTHROPIC_BASE_URL: VALUES.origin,
      ANTHROPIC_AUTH_TOKEN: VALUES.key,
      ANTHROPIC_MODEL: VALUES.model,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: VALUES.model,
    });
    expect((await stat(h.path(CLAUDE))).mode & 0o777).toBe(0o640);
    const info = (await h.setup.detect(VALUES.origin)).find((c) => c.id === 'claude-code');
    expect(info).toMatchObject({ configured: 'ours', installed: true });
    expect(info?.backups).toHaveLength(1);
    expect((await h.setup.detect('http://127.0.0.1:9999'))[0]?.configured).toBe('other');

    expect(await h.setup.restore('claude-code')).toEqual({ path: h.path(CLAUDE), removed: false });
    expect(await h.read(CLAUDE)).toBe(ORIGINAL_CLAUDE);
    expect((await stat(h.path(CLAUDE))).mode & 0o777).toBe(0o640);
    await expect(h.setup.restore('claude-code')).rejects.toMatchObject({ code: 'no_backup' });
  });

  it('creates a missing file private (0600) and restoring removes it again', async () => {
    const r = await h.setup.apply('claude-code', VALUES);
    expect(r.backup).toMatchObject({ createdFile: true });
    expect((await stat(h.path(CLAUDE))).mode & 0o777).toBe(0o600);
    expect(await h.setup.restore('claude-code')).toMatchObject({ removed: true });
    await expect(stat(h.path(CLAUDE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('asks before restoring over edits made after setup', async () => {
    await h.put(CLAUDE, ORIGINAL_CLAUDE);
    await h.setup.apply('claude-code', VALUES);
    await writeFile(h.path(CLAUDE), '{ "edited": true }\n');
    await expect(h.setup.restore('claude-code')).rejects.toMatchObject({ code: 'changed_since' });
    expect(await h.read(CLAUDE)).toBe('{ "edited": true }\n');
    await h.setup.restore('claude-code', true);
    expect(await h.read(CLAUDE)).toBe(ORIGINAL_CLAUDE);
  });

  it('restores step by step, newest first, and keeps at most ten backups a tool', async () => {
    await h.put(CLAUDE, ORIGINAL_CLAUDE);
    await h.setup.apply('claude-code', VALUES);
    await h.setup.apply('claude-code', { ...VALUES, origin: 'http://127.0.0.1:9000' });
    await h.setup.restore('claude-code');
    expect(JSON.parse(await h.read(CLAUDE)).env.ANTHROPIC_BASE_URL).toBe(VALUES.origin);
    await h.setup.restore('claude-code');
    expect(await h.read(CLAUDE)).toBe(ORIGINAL_CLAUDE);
    for (let port = 9100; port < 9112; port++) {
      await h.setup.apply('claude-code', { ...VALUES, origin: `http://127.0.0.1:${port}` });
    }
    const info = (await h.setup.detect(VALUES.origin)).find((c) => c.id === 'claude-code');
    expect(info?.backups).toHaveLength(10);
  });

  it('applying the same setup twice changes nothing and keeps no extra backup', async () => {
    await h.setup.apply('claude-code', VALUES);
    const again = await h.setup.apply('claude-code', VALUES);
    expect(again.backup).toBeUndefined();
    const info = (await h.setup.detect(VALUES.origin)).find((c) => c.id === 'claude-code');
    expect(info?.backups).toHaveLength(1);
  });

  it('refuses to overwrite a file it cannot parse and reports the problem', async () => {
    await h.put(CLAUDE, '{ "env": { "A": 1 ');
    await expect(h.setup.apply('claude-code', VALUES)).rejects.toMatchObject({
      code: 'config_unreadable',
    });
    expect(await h.read(CLAUDE)).toBe('{ "env": { "A": 1 ');
    const info = (await h.setup.detect(VALUES.origin)).find((c) => c.id === 'claude-code');
    expect(info?.problem).toMatch(/line 1/);
  });

  it('sets up Cline by hand only', async () => {
    await expect(h.setup.apply('cline', VALUES)).rejects.toMatchObject({ code: 'not_writable' });
  });
});
