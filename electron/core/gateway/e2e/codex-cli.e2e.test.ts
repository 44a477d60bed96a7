import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';
import { codexLauncher } from './support/cli-binaries';
import { codexEnv, writeCodexConfig } from './support/cli-env';
import { captureFixtures } from './support/fixtures';
import { startRecordingProxy, type Exchange, type RecordingProxy } from './support/recording-proxy';
import { describeRun, runCli } from './support/run-cli';
import { conversationAsks, loggedSessionKinds } from './support/sim-asks';
import { simQuestions } from './support/sim-questions';

// The real Codex CLI (`codex exec`, the native binary from npm) on a custom model provider with
// the Responses wire API, against the gateway and the simulator: a plain answer, a shell tool
// round trip (Codex runs the command itself), and `--output-schema` structured output including
// the corrective retry. Rules for a later step come first (see claude-code.e2e.test.ts).

const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';

const CODEX = codexLauncher();
const MODEL = 'gpt-5.5';
const root = mkdtempSync(join(tmpdir(), 'lgw-codex-'));
const home = join(root, 'home');
const codexHome = join(root, 'codex-home');
const work = join(root, 'work');

const SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' }, count: { type: 'integer', minimum: 1 } },
  required: ['answer', 'count'],
  additionalProperties: false,
};

/** Codex's apply_patch is a free-form (`custom`) tool: its input is this text, not JSON. */
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello from lingma\n*** End Patch\n';

let h: Harness;
let proxy: RecordingProxy;

beforeAll(async () => {
  for (const dir of [home, codexHome, work]) mkdirSync(dir);
  writeFileSync(join(work, 'note.txt'), 'SHELL-OUT-5150\n');
  writeFileSync(join(root, 'schema.json'), JSON.stringify(SCHEMA));
  h = await startHarness({
    scenario: {
      faults: ['delta-interval:1', 'delta-size:40'],
      rules: [
        { match: 'cx-plain', answer: 'Hello from Lingma (cx-plain).' },
        { match: 'SHELL-OUT-5150', answer: 'note.txt contains SHELL-OUT-5150.' },
        {
          match: 'cx-shell',
          think: 'Reading the file is the quickest way.',
          answer: 'Reading it.\n' + call('exec_command', { cmd: 'cat note.txt' }),
        },
        {
          match: 'cx-schema[\\s\\S]*could not be used',
          regex: true,
          answer: '```json\n{"answer": "forty-two", "count": 42}\n```',
        },
        { match: 'cx-schema', answer: 'Sure: {"answer": "forty-two"}' },
        { match: '"name":"apply_patch","arguments"', answer: 'Patched (cx-patch).' },
        { match: 'cx-patch', answer: call('apply_patch', { input: PATCH }) },
        { match: '"name":"collaboration.list_agents"', answer: 'Listed the agents (cx-agents).' },
        { match: 'cx-agents', answer: call('collaboration.list_agents', {}) },
      ],
    },
  });
  proxy = await startRecordingProxy(h.baseUrl);
  writeCodexConfig(codexHome, proxy.url, MODEL);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await h?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Runs `codex exec`; returns its last message (from `-o`) and the requests it made. */
async function codex(
  scenario: string,
  prompt: string,
  extra: string[] = [],
): Promise<{ last: string; exchanges: Exchange[] }> {
  const first = proxy.exchanges.length;
  const lastFile = join(root, `${scenario}-last.txt`);
  const run = await runCli(
    process.execPath,
    [CODEX.path, 'exec', '--skip-git-repo-check', '-o', lastFile, ...extra, prompt],
    { cwd: work, env: codexEnv(home, codexHome, h.apiKey), timeoutMs: 45_000 },
  );
  expect(run.code, describeRun(run)).toBe(0);
  const exchanges = proxy.exchanges.slice(first);
  await captureFixtures({ name: 'codex', version: CODEX.version }, scenario, exchanges, {
    [root]: '/tmp/codex-test',
    // Claude Code also names per-project folders after the path, with dashes for separators.
    [root.replace(/[^A-Za-z0-9]/g, '-')]: '-tmp-codex-test',
  });
  return { last: readFileSync(lastFile, 'utf8'), exchanges };
}

function responseCalls(exchanges: Exchange[]): Exchange[] {
  return exchanges.filter((e) => e.method === 'POST' && e.url === '/v1/responses');
}

/**
 * Every request of the run after its first was a reply (Codex re-sends its whole input each
 * time): the request log says so, and the simulator continued one session with only the new
 * part — the tool's output — never the instructions or the tool block again.
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
    expect(a.bytes).toBeLessThan((asks[0]?.bytes ?? 0) / 10);
  }
}

// A CLI run may take a while on a loaded machine; each has its own 45 s limit inside this one.
describe(
  `Codex CLI ${CODEX.version} against the gateway (Responses API)`,
  { timeout: 60_000 },
  () => {
    it('answers a plain prompt, echoing the model it asked for', async () => {
      const { last, exchanges } = await codex('plain', '[cx-plain] say hello');
      expect(last).toContain('Hello from Lingma (cx-plain).');
      const calls = responseCalls(exchanges);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.status).toBe(200);
      expect(calls[0]?.responseText).toContain(`"model":"${MODEL}"`);
      expect(calls[0]?.responseHeaders?.['x-lingma-model']).toBeTruthy();
    });

    it('runs a shell tool round trip: Codex executes the call and sends the output back', async () => {
      const { last, exchanges } = await codex('shell-tool', '[cx-shell] What is in note.txt?', [
        '--dangerously-bypass-approvals-and-sandbox',
      ]);
      expect(last).toContain('note.txt contains SHELL-OUT-5150.');
      const calls = responseCalls(exchanges);
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(calls[0]?.responseText).toContain('"name":"exec_command"');
      // Lingma's reasoning went out as a reasoning summary.
      expect(calls[0]?.responseText).toContain('response.reasoning_summary_text.delta');
      // The second request carries Codex's own run of the command.
      const input = (calls[1]?.body as { input: { type: string; output?: unknown }[] }).input;
      const output = input.find((i) => i.type === 'function_call_output');
      expect(JSON.stringify(output?.output)).toContain('SHELL-OUT-5150');
      await expectReplies(calls, 'cx-shell');
    });

    it('applies a patch through its free-form apply_patch tool', async () => {
      const { last, exchanges } = await codex('custom-tool', '[cx-patch] Create hello.txt.', [
        '--dangerously-bypass-approvals-and-sandbox',
      ]);
      expect(last).toContain('Patched (cx-patch).');
      expect(readFileSync(join(work, 'hello.txt'), 'utf8')).toBe('hello from lingma\n');
      const calls = responseCalls(exchanges);
      expect(calls[0]?.responseText).toContain('"type":"custom_tool_call"');
      const input = (calls[1]?.body as { input: { type: string }[] }).input;
      expect(input.some((i) => i.type === 'custom_tool_call_output')).toBe(true);
      await expectReplies(calls, 'cx-patch');
    });

    it('calls a namespaced sub-agent tool and gets it back in the namespace shape', async () => {
      const { last, exchanges } = await codex('namespace-tool', '[cx-agents] Which agents run?', [
        '-c',
        'features.multi_agent_v2=true',
      ]);
      expect(last).toContain('Listed the agents (cx-agents).');
      const calls = responseCalls(exchanges);
      const tools = (calls[0]?.body as { tools: { type: string }[] }).tools;
      expect(tools.some((t) => t.type === 'namespace')).toBe(true);
      // Called back as Codex defined it: the tool's own name plus its namespace.
      expect(calls[0]?.responseText).toMatch(
        /"type":"function_call","call_id":"[^"]+","name":"list_agents",[^}]*"namespace":"collaboration"/,
      );
      const input = (calls[1]?.body as { input: { type: string; namespace?: string }[] }).input;
      expect(input.find((i) => i.type === 'function_call')?.namespace).toBe('collaboration');
      expect(input.some((i) => i.type === 'function_call_output')).toBe(true);
      await expectReplies(calls, 'cx-agents');
    });

    it('returns --output-schema structured output, corrected once', async () => {
      const { last, exchanges } = await codex('output-schema', '[cx-schema] Answer as JSON.', [
        '--output-schema',
        join(root, 'schema.json'),
      ]);
      expect(JSON.parse(last)).toEqual({ answer: 'forty-two', count: 42 });
      const body = responseCalls(exchanges)[0]?.body as { text: { format: { type: string } } };
      expect(body.text.format.type).toBe('json_schema');
      // The first answer lacked `count`: one corrective retry with the validator's error.
      expect(simQuestions(h, 'cx-schema')).toHaveLength(2);
    });
  },
);
