/**
 * Issue 15, item 5 in real Chromium against the real core: one-click client setup finds the tools
 * in a (temp) home, writes Codex's config.toml in place (comments kept), and that file works with
 * the OpenAI SDK over the Responses API; "Restore previous" puts the original back byte for byte,
 * asking first when the file changed since; a key is never written into a git or synced folder
 * without saying so; Cline is guided; an unreadable file is reported and left alone.
 */
import OpenAI from 'openai';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSession, type BrowserSession } from './session';
import { WAIT } from './ui';

let s: BrowserSession;
const CODEX = `# my Codex settings — keep this comment
model = "gpt-5.4"
model_provider = "work"

[model_providers.work]
name = "Work proxy"
base_url = "https://proxy.example/v1"
env_key = "WORK_KEY"
`;
const row = (id: string) => s.page.getByTestId(`client-${id}`);
const codexFile = () => join(s.home, '.codex/config.toml');
const lookAgain = () => s.page.getByRole('button', { name: 'Look again' }).click();

describe('one-click client setup (Chromium, real core)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    s = await startBrowserSession({ accounts: ['alpha'] });
    const { home, page } = s;
    await mkdir(join(home, '.codex'), { recursive: true });
    await writeFile(codexFile(), CODEX);
    await mkdir(join(home, '.qwen'), { recursive: true });
    await mkdir(join(home, '.vscode/extensions/saoudrizwan.claude-dev-3.20.1'), {
      recursive: true,
    });
    await mkdir(join(home, 'bin'), { recursive: true });
    await writeFile(join(home, 'bin/opencode'), '#!/bin/sh\n');
    await chmod(join(home, 'bin/opencode'), 0o755);
    await page.getByRole('button', { name: 'Hide this guide' }).click();
    await page.getByTestId('clients-card').waitFor();
    await lookAgain();
  }, 120_000);
  afterAll(async () => s?.close(), 120_000);

  it('lists the tools found on this computer first, with what showed them', async () => {
    const card = s.page.getByTestId('clients-card');
    await expect
      .poll(
        () =>
          card.locator('li.client').evaluateAll((l) => l.map((e) => e.getAttribute('data-testid'))),
        WAIT,
      )
      .toEqual([
        'client-codex',
        'client-qwen-code',
        'client-opencode',
        'client-cline',
        'client-claude-code',
        'client-continue',
      ]);
    expect(await row('codex').textContent()).toContain('Found: ~/.codex');
    expect(await row('opencode').textContent()).toContain('Found: opencode on PATH');
    expect(await row('codex').getByTestId('client-status').textContent()).toBe(
      'Set up for another service.',
    );
    await s.screenshot('clients-01-found');
  });

  it('sets up Codex in place, keeping comments; the file works with the OpenAI SDK', async () => {
    await row('codex').getByRole('button', { name: 'Set up', exact: true }).click();
    await expect.poll(() => row('codex').getAttribute('data-configured'), WAIT).toBe('ours');
    const done = (await row('codex').getByTestId('client-done').textContent()) ?? '';
    expect(done).toContain('Codex CLI now uses the gateway');
    expect(done).toContain('The previous version of the file is kept');
    expect(done).toContain('“Codex CLI (one-click setup)”');
    const text = await readFile(codexFile(), 'utf8');
    expect(text.startsWith('# my Codex settings — keep this comment\n')).toBe(true);
    const config = parseToml(text) as {
      model: string;
      model_provider: string;
      model_providers: Record<string, { base_url: string; experimental_bearer_token: string }>;
    };
    const provider = config.model_providers[config.model_provider]!;
    expect(config.model_providers.work?.base_url).toBe('https://proxy.example/v1');
    const client = new OpenAI({
      baseURL: provider.base_url,
      apiKey: provider.experimental_bearer_token,
      maxRetries: 0,
    });
    const r = await client.responses.create({ model: config.model, input: 'hello from Codex' });
    expect(r.output_text).toMatch(/Simulated reply/);
    const keys = await s.harness.api.keysList();
    expect(keys.map((k) => k.name)).toContain('Codex CLI (one-click setup)');
    await s.screenshot('clients-02-codex-set-up');
  });

  it('restores the previous config byte for byte, after saying what will happen', async () => {
    await row('codex').getByRole('button', { name: 'Restore previous' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Restore the previous Codex CLI config?' });
    expect(await dialog.textContent()).toContain('goes back to how it was before setup');
    await dialog.getByRole('button', { name: 'Restore previous' }).click();
    await expect.poll(() => readFile(codexFile(), 'utf8'), WAIT).toBe(CODEX);
    await expect.poll(() => row('codex').getAttribute('data-configured'), WAIT).toBe('other');
  });

  it('asks before a restore throws away edits made after setup', async () => {
    await row('codex').getByRole('button', { name: 'Set up', exact: true }).click();
    await expect.poll(() => row('codex').getAttribute('data-configured'), WAIT).toBe('ours');
    await writeFile(codexFile(), `${await readFile(codexFile(), 'utf8')}# edited by hand\n`);
    await row('codex').getByRole('button', { name: 'Restore previous' }).click();
    await s.page
      .getByRole('dialog', { name: 'Restore the previous Codex CLI config?' })
      .getByRole('button', { name: 'Restore previous' })
      .click();
    const changed = s.page.getByRole('dialog', { name: 'The file was changed since setup' });
    await changed.waitFor();
    expect(await readFile(codexFile(), 'utf8')).toContain('# edited by hand');
    await changed.getByRole('button', { name: 'Restore anyway' }).click();
    await expect.poll(() => readFile(codexFile(), 'utf8'), WAIT).toBe(CODEX);
  });

  it('says so before writing a key into a git repository, and writes only when told to', async () => {
    await mkdir(join(s.home, '.git'));
    await lookAgain();
    const qwen = row('qwen-code');
    await expect
      .poll(() => qwen.getByTestId('sync-risk').textContent(), WAIT)
      .toContain('inside a git repository');
    const file = join(s.home, '.qwen/settings.json');
    await qwen.getByRole('button', { name: 'Set up', exact: true }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Write the key into a shared file?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await qwen.getByRole('button', { name: 'Set up', exact: true }).click();
    await dialog.getByRole('button', { name: 'Write it anyway' }).click();
    await expect.poll(() => qwen.getAttribute('data-configured'), WAIT).toBe('ours');
    expect(await readFile(file, 'utf8')).toContain('"selectedType": "openai"');
    await rm(join(s.home, '.git'), { recursive: true });
  });

  it('guides Cline by hand: each value copies exactly', async () => {
    const { platform, harness } = s;
    const manual = s.page.getByTestId('manual-cline');
    await manual.getByRole('button', { name: 'Copy base URL' }).click();
    await expect.poll(() => platform.clipboard.at(-1), WAIT).toBe(`${harness.baseUrl}/v1`);
    await manual.getByRole('button', { name: 'Copy API key' }).click();
    await expect.poll(() => platform.clipboard.at(-1), WAIT).toBe(harness.apiKey);
    expect(await s.page.content()).not.toContain(harness.apiKey);
  });

  it('reports a file it cannot read and leaves it alone', async () => {
    const file = join(s.home, '.claude/settings.json');
    await mkdir(join(s.home, '.claude'), { recursive: true });
    await writeFile(file, '{ "env": { ');
    await lookAgain();
    const claude = row('claude-code');
    await expect
      .poll(() => claude.getByTestId('client-status').textContent(), WAIT)
      .toContain('This file cannot be read');
    expect(await claude.getByRole('button', { name: 'Set up', exact: true }).isDisabled()).toBe(
      true,
    );
    expect(await readFile(file, 'utf8')).toBe('{ "env": { ');
  });

  it('logged no errors in the page', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
