/**
 * Claude Code: `~/.claude/settings.json` (or `$CLAUDE_CONFIG_DIR/settings.json`), whose `env`
 * block Claude Code applies to every session. Same variables as the dashboard snippet.
 */
import { join } from 'node:path';
import { envDir, firstEvidence, onPath } from '../context';
import { getPath, parseJsonc, setJsonValue, withFinalNewline } from '../json-edit';
import type { ClientSpec } from '../types';

export const claudeCode: ClientSpec = {
  id: 'claude-code',
  detect: (ctx) =>
    firstEvidence(ctx, [
      envDir(ctx, 'CLAUDE_CONFIG_DIR', '.claude'),
      join(ctx.home, '.claude.json'),
      () => onPath(ctx, 'claude'),
    ]),
  configPath: async (ctx) => join(envDir(ctx, 'CLAUDE_CONFIG_DIR', '.claude'), 'settings.json'),
  configured(text, origin, file) {
    const url = getPath(parseJsonc(text, file), ['env', 'ANTHROPIC_BASE_URL']);
    if (typeof url !== 'string' || url === '') return 'none';
    return url.replace(/\/+$/, '') === origin ? 'ours' : 'other';
  },
  write(text, v, file) {
    const parsed = parseJsonc(text ?? '', file);
    const notes: string[] = [];
    let out = text ?? '';
    const env: Array<[string, string]> = [
      ['ANTHROPIC_BASE_URL', v.origin],
      ['ANTHROPIC_AUTH_TOKEN', v.key],
      ['ANTHROPIC_MODEL', v.model],
      ['ANTHROPIC_DEFAULT_HAIKU_MODEL', v.model],
    ];
    for (const [name, value] of env) out = setJsonValue(out, ['env', name], value);
    // A real Anthropic key next to our URL would be sent to the gateway with every request.
    if (getPath(parsed, ['env', 'ANTHROPIC_API_KEY']) !== undefined) {
      out = setJsonValue(out, ['env', 'ANTHROPIC_API_KEY'], undefined);
      notes.push('removed-anthropic-api-key');
    }
    if (getPath(parsed, ['apiKeyHelper']) !== undefined) notes.push('api-key-helper-kept');
    return { text: withFinalNewline(out), notes };
  },
};
