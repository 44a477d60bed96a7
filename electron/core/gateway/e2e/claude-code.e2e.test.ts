import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';
import { claudeCodeBinary } from './support/cli-binaries';
import { claudeEnv } from './support/cli-env';
import { captureFixtures } from './support/fixtures';
import { startRecordingProxy, type Exchange, type RecordingProxy } from './support/recording-proxy';
import { describeRun, runCli } from './support/run-cli';
import { conversationAsks, loggedSessionKinds } from './support/sim-asks';

// The real Claude Code CLI (`claude -p`, the native binary from npm) against the gateway and the
// simulator: a plain answer, a Read round trip, and Read then Write in a row. The simulator's
// rules play the model: each matches a token of the rendered prompt, and the rule for a later
// step comes first (its token only appears once the earlier tool result is in the transcript).

const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';

const CLAUDE = claudeCodeBinary();
const MODEL = 'claude-sonnet-4-5';
const root = mkdtempSync(join(tmpdir(), 'lgw-claude-'));
const home = join(root, 'home');
const work = join(root, 'work');
const notes = join(work, 'notes.txt');
const input = join(work, 'input.txt');
const output = join(work, 'output.txt');

let h: Harness;
let proxy: RecordingProxy;

beforeAll(async () => {
  mkdirSync(home);
  mkdirSync(work);
  writeFileSync(notes, 'The launch code is MAGIC-7731.\n');
  writeFileSync(input, 'SEED-4242\n');
  h = await startHarness({
    scenario: {
      // The catalogue of an international personal account (ZC): its first entry is the default.
      models: {
        chat: [{ key: 'dashscope_qwen3_coder_default' }, { key: 'dashscope_qwen3_coder' }],
      },
      faults: ['delta-interval:1', 'delta-size:40'],
      rules: [
        { match: 'cc-plain', answer: 'Hello from Lingma (cc-plain).' },
        { match: 'MAGIC-7731', answer: 'The notes say the launch code is MAGIC-7731.' },
        {
          match: 'cc-read',
          think: 'The user wants the notes; reading the file first.',
          answer: 'Let me look.\n' + call('Read', { file_path: notes }),
        },
        { match: '"name":"Write","arguments"', answer: 'Done: output.txt holds the result.' },
        {
          match: 'SEED-4242',
          answer: call('Write', { file_path: output, content: 'SEED-4242 processed\n' }),
        },
        { match: 'cc-two', answer: call('Read', { file_path: input }) },
        {
          match: '"name":"StructuredOutput","arguments"',
          answer: 'Returned the structured answer.',
        },
        {
          match: 'cc-schema',
          answer: call('StructuredOutput', { answer: 'forty-two', count: 42 }),
        },
      ],
    },
  });
  proxy = await startRecordingProxy(h.baseUrl);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await h?.close();
  rmSync(root, { recursive: true, force: true });
});

interface ClaudeResult {
  type: string;
  subtype: string;
  is_error: boolean;
  result: string;
  num_turns: number;
  structured_output?: unknown;
}

/** Runs `claude -p` with JSON output; returns the parsed result and the requests it made. */
async function claude(
  scenario: string,
  prompt: string,
  extra: string[] = [],
): Promise<{ result: ClaudeResult; exchanges: Exchange[] }> {
  const first = proxy.exchanges.length;
  const run = await runCli(CLAUDE.path, ['-p', prompt, '--output-format', 'json', ...extra], {
    cwd: work,
    env: claudeEnv(home, proxy.url, h.apiKey),
    timeoutMs: 45_000,
  });
  expect(run.code, describeRun(run)).toBe(0);
  const exchanges = proxy.exchanges.slice(first);
  await captureFixtures({ name: 'claude-code', version: CLAUDE.version }, scenario, exchanges, {
    [root]: '/tmp/claude-test',
    // Claude Code also names per-project folders after the path, with dashes for separators.
    [root.replace(/[^A-Za-z0-9]/g, '-')]: '-tmp-claude-test',
  });
  return { result: JSON.parse(run.stdout) as ClaudeResult, exchanges };
}

function messageCalls(exchanges: Exchange[]): Exchange[] {
  return exchanges.filter((e) => e.method === 'POST' && e.url.startsWith('/v1/messages'));
}

/**
 * Every tool round trip of the run after its first request was a reply: the request log says
 * so, and the simulator continued the one session (isReply + the sessionId its finish returned)
 * with questions that hold only the new part — never the system prompt or the tool block again.
 */
async function expectReplies(calls: Exchange[], token: string): Promise<void> {
  const kinds = await loggedSessionKinds(h, calls);
  expect(kinds.map((k) => k.kind)).toEqual(['new', ...calls.slice(1).map(() => 'reply')]);
  const asks = conversationAsks(h.workDir(h.accountIds[0] as string), token);
  expect(asks.map((a) => a.continued)).toEqual([false, ...calls.slice(1).map(() => true)]);
  expect(new Set(asks.map((a) => a.sessionId)).size).toBe(1);
  for (const a of asks.slice(1)) {
    expect(a.questionText.startsWith('# Tool results\n```tool_result\n')).toBe(true);
    expect(a.questionText).not.toContain('# Tools');
    expect(a.bytes).toBeLessThan((asks[0]?.bytes ?? 0) / 20);
  }
}

// A CLI run may take a while on a loaded machine; each has its own 45 s limit inside this one.
describe(`Claude Code ${CLAUDE.version} against the gateway`, { timeout: 60_000 }, () => {
  it('answers a plain prompt, echoing the model it asked for', async () => {
    // The CLI's default model: the one that sends mid-conversation system messages.
    const { result, exchanges } = await claude('plain', '[cc-plain] say hello');
    expect(result.is_error).toBe(false);
    expect(result.result).toContain('Hello from Lingma (cc-plain).');
    const calls = messageCalls(exchanges);
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c.status).toBe(200);
    const main = calls[calls.length - 1] as Exchange;
    // What the issue saw break: a mid-conversation system message, betas, adaptive thinking.
    const body = main.body as { messages: { role: string }[]; model: string };
    expect(body.messages.some((m) => m.role === 'system')).toBe(true);
    expect(main.url).toContain('beta=true');
    expect(main.responseText).toContain(`"model":"${body.model}"`);
    expect(main.responseHeaders?.['x-lingma-model']).toBe('dashscope_qwen3_coder_default');
    const id = main.responseHeaders?.['x-request-id'];
    const entry = (await h.core.getLog(String(id))) as unknown as LogEntry | null;
    expect(entry?.model).toBe(body.model);
    expect(entry?.resolvedModel).toBe('dashscope_qwen3_coder_default');
    expect(entry?.notes?.some((n) => n.startsWith('ignored (not supported upstream):'))).toBe(true);
  });

  it('runs a Read tool round trip', async () => {
    const { result, exchanges } = await claude('read-tool', '[cc-read] What do my notes say?', [
      '--model',
      MODEL,
    ]);
    expect(result.result).toContain('MAGIC-7731');
    const calls = messageCalls(exchanges);
    // Asked for claude-sonnet-4-5, answered as claude-sonnet-4-5 (not as the Lingma key).
    for (const c of calls) expect(c.responseText).toContain(`"model":"${MODEL}"`);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    // The Read call went out as a tool_use the CLI executed; its result came back in. Lingma's
    // reasoning went out as a thinking block, and the CLI sent it back in the history.
    expect(calls[0]?.responseText).toContain('"name":"Read"');
    expect(calls[0]?.responseText).toContain('"type":"thinking_delta"');
    expect(JSON.stringify(calls[1]?.body)).toContain('"type":"thinking"');
    expect(JSON.stringify(calls[calls.length - 1]?.body)).toContain('tool_result');
    await expectReplies(calls, 'cc-read');
  });

  it('runs two tool calls in a row (Read, then Write) and writes the file', async () => {
    const { result, exchanges } = await claude(
      'two-tools',
      '[cc-two] Process input.txt into output.txt.',
      ['--permission-mode', 'acceptEdits'],
    );
    expect(result.result).toContain('Done: output.txt holds the result.');
    expect(readFileSync(output, 'utf8')).toBe('SEED-4242 processed\n');
    await expectReplies(messageCalls(exchanges), 'cc-two');
  });

  it('returns --json-schema structured output (its StructuredOutput tool, emulated)', async () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string' }, count: { type: 'integer' } },
      required: ['answer', 'count'],
    };
    const { result } = await claude('json-schema', '[cc-schema] Answer as JSON.', [
      '--json-schema',
      JSON.stringify(schema),
    ]);
    expect(result.is_error).toBe(false);
    expect(result.structured_output).toEqual({ answer: 'forty-two', count: 42 });
  });
});
