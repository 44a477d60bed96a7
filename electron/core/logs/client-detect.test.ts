import { describe, expect, it } from 'vitest';
import { detectClient } from './client-detect';

describe('client detection (issue 16)', () => {
  it('names the real clients from the headers they send', () => {
    // Recorded in gateway/e2e/fixtures (Claude Code 2.1.332, Codex 0.171.0).
    expect(detectClient({ 'user-agent': 'claude-cli/2.1.332 (external, sdk-cli)' })).toEqual({
      name: 'Claude Code',
      version: '2.1.332',
    });
    expect(
      detectClient({
        'user-agent': 'codex_exec/0.171.0 (Debian 12.0.0; x86_64) dumb (codex_exec; 0.171.0)',
        originator: 'codex_exec',
      }),
    ).toEqual({ name: 'Codex CLI', version: '0.171.0' });
    expect(detectClient({ 'user-agent': 'codex_cli_rs/0.46.0 (Mac OS 15.1; arm64)' })).toEqual({
      name: 'Codex CLI',
      version: '0.46.0',
    });
    expect(detectClient({ 'user-agent': 'OpenAI/JS 6.49.0' })).toEqual({
      name: 'OpenAI SDK (JS)',
      version: '6.49.0',
    });
    expect(detectClient({ 'user-agent': 'OpenAI/Python 1.99.1' })).toEqual({
      name: 'OpenAI SDK (Python)',
      version: '1.99.1',
    });
    expect(detectClient({ 'user-agent': 'Anthropic/JS 1.12.0' })).toEqual({
      name: 'Anthropic SDK (JS)',
      version: '1.12.0',
    });
    expect(detectClient({ 'user-agent': 'QwenCode/0.0.14 (linux; x64)' })).toEqual({
      name: 'Qwen Code',
      version: '0.0.14',
    });
    expect(detectClient({ 'user-agent': 'curl/8.5.0' })).toEqual({
      name: 'curl',
      version: '8.5.0',
    });
  });

  it('prefers the app over the SDK it runs on', () => {
    expect(
      detectClient({
        'user-agent': 'OpenAI/JS 4.96.0',
        'x-title': 'Cline',
        'http-referer': 'https://cline.bot',
      }),
    ).toEqual({ name: 'Cline' });
    expect(detectClient({ 'user-agent': 'OpenAI/JS 4.96.0', 'x-title': 'roo code' })).toEqual({
      name: 'Roo Code',
    });
    expect(
      detectClient({ 'user-agent': 'OpenAI/JS 4.96.0', 'http-referer': 'https://cline.bot/' }),
    ).toEqual({ name: 'Cline' });
  });

  it('falls back to the Stainless headers, then to the first product token', () => {
    expect(
      detectClient({ 'x-stainless-lang': 'js', 'x-stainless-package-version': '0.128.0' }),
    ).toEqual({ name: 'SDK (JS)', version: '0.128.0' });
    expect(detectClient({ 'user-agent': 'my-tool/3.1 (+https://example.com)' })).toEqual({
      name: 'my-tool',
      version: '3.1',
    });
    expect(detectClient({})).toBeUndefined();
    expect(detectClient({ 'user-agent': '   ' })).toBeUndefined();
  });

  it('stays bounded however many distinct user agents arrive', () => {
    for (let i = 0; i < 5_000; i++) detectClient({ 'user-agent': `flood-${i}/1.0` });
    expect(detectClient({ 'user-agent': 'flood-4999/1.0' })).toEqual({
      name: 'flood-4999',
      version: '1.0',
    });
  });
});
