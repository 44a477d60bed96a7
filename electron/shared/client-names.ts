import type { ClientId } from './dto';

/** Product names of the tools one-click setup knows (names, not words: never translated). */
export const CLIENT_NAMES: Record<ClientId, string> = {
  'claude-code': 'Claude Code',
  codex: 'Codex CLI',
  'qwen-code': 'Qwen Code',
  opencode: 'opencode',
  continue: 'Continue',
  cline: 'Cline',
};
