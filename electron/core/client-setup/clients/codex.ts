/** Codex CLI: `~/.codex/config.toml` (`$CODEX_HOME` moves it), a custom model provider. */
import { join } from 'node:path';
import { codexConfigured, writeCodexConfig } from '../codex-toml';
import { envDir, firstEvidence, onPath } from '../context';
import type { ClientSpec } from '../types';

export const codex: ClientSpec = {
  id: 'codex',
  detect: (ctx) =>
    firstEvidence(ctx, [envDir(ctx, 'CODEX_HOME', '.codex'), () => onPath(ctx, 'codex')]),
  configPath: async (ctx) => join(envDir(ctx, 'CODEX_HOME', '.codex'), 'config.toml'),
  configured: codexConfigured,
  write: writeCodexConfig,
};
