/**
 * The agent loop the `agent-loop` benchmark plays, shaped like a Claude Code task: Claude Code's
 * own system prompt (cut to 20 KB) and its tools, from the captured request fixtures, then
 * `TURNS` user turns that each make one tool round trip — 2 × TURNS requests per conversation.
 * The simulator plays the model: a turn's task token asks for a Read call, the file's token in the
 * tool result asks for the answer (later steps' rules first: they see the whole conversation).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SimScenario } from '../../lingma-sim/testing';

export const TURNS = 8;
/** The agent-sized system prompt of the issue: Claude Code's own, cut to this many characters. */
export const SYSTEM_CHARS = 20_000;

const FIXTURE = fileURLToPath(
  new URL(
    '../../../electron/core/gateway/e2e/fixtures/claude-code/read-tool-1.json',
    import.meta.url,
  ),
);

interface ClaudeBody {
  system: { type: string; text: string }[];
  tools: Record<string, unknown>[];
}

/** Claude Code's system prompt (20 KB) and tool definitions, as its requests carry them. */
export function claudeCodeContext(): { system: string; tools: Record<string, unknown>[] } {
  const body = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { body: ClaudeBody }).body;
  const system = body.system.map((b) => b.text).join('\n');
  return { system: system.slice(0, SYSTEM_CHARS), tools: body.tools };
}

const token = (conversation: number, kind: 'task' | 'result', turn: number): string =>
  `al${conversation}-${kind}-${turn}`;

/** What a Read of the turn's file returns: about 1 KB, like a small source file. */
export function fileText(conversation: number, turn: number): string {
  const lines = Array.from(
    { length: 24 },
    (_, i) => `${String(i + 1).padStart(4)}\texport const value${i} = compute(${i}, "${turn}");`,
  );
  return `${lines.join('\n')}\n// ${token(conversation, 'result', turn)}\n`;
}

export function userTask(conversation: number, turn: number): string {
  return `${token(conversation, 'task', turn)}: look at src/file-${turn}.ts and tell me what it exports.`;
}

const call = (path: string): string =>
  '```tool_call\n' + JSON.stringify({ name: 'Read', arguments: { file_path: path } }) + '\n```';

/** The simulator's rules for `conversations` distinct conversations of TURNS turns. */
export function agentScenario(conversations: number): SimScenario {
  const rules: NonNullable<SimScenario['rules']> = [];
  for (let c = 1; c <= conversations; c += 1) {
    for (let t = TURNS; t >= 1; t -= 1) {
      rules.push(
        {
          match: token(c, 'result', t),
          answer: `src/file-${t}.ts exports 24 constants, value0 to value23, each computed at load.`,
        },
        {
          match: token(c, 'task', t),
          answer: `Let me read it.\n${call(`/work/src/file-${t}.ts`)}`,
        },
      );
    }
  }
  return { rules };
}
