/**
 * Agent loop (issue 14): a Claude Code–shaped conversation — Claude Code's system prompt cut to
 * 20 KB and its tools, 8 user turns each with one Read round trip, 16 requests on the Anthropic
 * Messages API — played through the gateway twice: with session reuse (replies) and with it off
 * (every request replays the whole transcript, what the gateway did with tools before). What
 * Lingma was asked is read from the simulator's own record (logs/sim-requests.jsonl and the
 * `chat/session` lines of sim-events.jsonl), the gateway's CPU from its process.
 *
 * Targets: every request after a session's first is a reply; ≥ 10× fewer upstream bytes than
 * full replay; gateway CPU per request no worse than before (the replay mode, and the figure
 * recorded for main in docs/benchmarks.md). With --profile each mode's gateway is CPU-profiled.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simAsks, type SimAsk } from '../../electron/core/gateway/e2e/support/sim-asks';
import { parseAnthropicMessagesRequest } from '../../electron/core/gateway/translate/anthropic-request';
import { renderToolBlock } from '../../electron/core/tools/prompt-tools';
import { agentScenario, claudeCodeContext, fileText, TURNS, userTask } from './lib/agent-loop-plan';
import { startGatewayChild, type GatewayChild } from './lib/gateway-child';
import { printProfile } from './lib/profile-report';
import { table, verdict, type Benchmark, type Figure } from './lib/report';
import { SIM_FAULTS } from './lib/scenario';
import { mean } from './lib/stats';

const TARGET_RATIO = 10;
type Mode = 'reuse' | 'replay';

interface Block {
  type: string;
  id?: string;
}

interface Conversation {
  asks: SimAsk[];
  cpuUs: number;
}

async function post(
  g: GatewayChild,
  body: unknown,
  session: string,
): Promise<{ content: Block[] }> {
  const res = await fetch(`${g.ready.baseUrl}/v1/messages`, {
    method: 'POST',
    headers: {
      'x-api-key': g.ready.apiKey,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      'x-claude-code-session-id': session,
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { content: Block[] };
}

/** One conversation of TURNS user turns, each with a Read round trip (2 × TURNS requests). */
async function converse(g: GatewayChild, n: number, mode: Mode): Promise<Conversation> {
  const { system, tools } = claudeCodeContext();
  const workDir = g.ready.upstreams[0]?.workDir as string;
  const before = simAsks(workDir).length;
  const cpu = async (): Promise<number> => {
    const s = await g.stats();
    return s.cpuUserUs + s.cpuSystemUs;
  };
  const start = await cpu();
  const messages: unknown[] = [];
  const ask = (): Promise<{ content: Block[] }> =>
    post(
      g,
      { model: 'claude-sonnet-4-5', max_tokens: 4096, system, tools, messages, stream: false },
      `bench-${mode}-${n}`,
    );
  for (let turn = 1; turn <= TURNS; turn += 1) {
    messages.push({ role: 'user', content: [{ type: 'text', text: userTask(n, turn) }] });
    const withCall = await ask();
    const use = withCall.content.find((b) => b.type === 'tool_use');
    if (!use?.id) throw new Error(`turn ${turn}: no tool_use in ${JSON.stringify(withCall)}`);
    messages.push(
      { role: 'assistant', content: withCall.content },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: use.id, content: fileText(n, turn) }],
      },
    );
    messages.push({ role: 'assistant', content: (await ask()).content });
  }
  const cpuUs = (await cpu()) - start;
  return { asks: simAsks(workDir).slice(before), cpuUs };
}

async function runMode(
  mode: Mode,
  conversations: number,
  o: { profile: boolean; log(line?: string): void },
): Promise<Conversation[]> {
  const g = await startGatewayChild({
    accounts: 1,
    workers: 1,
    scenario: agentScenario(conversations),
    simFaults: SIM_FAULTS,
    settings: { sessionReuse: { enabled: mode === 'reuse' } },
  });
  try {
    const out: Conversation[] = [];
    if (o.profile) await g.profileStart();
    for (let n = 1; n <= conversations; n += 1) out.push(await converse(g, n, mode));
    if (o.profile) {
      const file = join(tmpdir(), `lgw-bench-agent-loop-${mode}-${Date.now()}.cpuprofile`);
      await g.profileStop(file);
      o.log(`\n${mode}:`);
      await printProfile(file, o.log);
    }
    return out;
  } finally {
    await g.stop();
  }
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (asks: readonly SimAsk[]): number => asks.reduce((n, a) => n + a.bytes, 0);
const kind = (a: SimAsk): string => (a.continued ? 'reply' : a.isReply ? 'reply (refused)' : 'ask');

/** The tool block of Claude Code's tools, as rendered now and as JSON Schema (before issue 14). */
function toolBlockBytes(): { before: number; after: number; tools: number } {
  const { system, tools } = claudeCodeContext();
  const req = parseAnthropicMessagesRequest({
    model: 'm',
    max_tokens: 1,
    system,
    tools,
    messages: [{ role: 'user', content: 'x' }],
  });
  const after = renderToolBlock(req.tools, req.toolChoice);
  const intro = after.slice(0, after.indexOf('\n\n## '));
  const before = [
    intro,
    ...req.tools.map((t) =>
      [
        `## ${t.name}`,
        t.description?.trim(),
        `Parameters (JSON Schema): ${JSON.stringify(t.parameters)}`,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  ].join('\n\n');
  return {
    before: Buffer.byteLength(before),
    after: Buffer.byteLength(after),
    tools: req.tools.length,
  };
}

export const agentLoop: Benchmark = async (o) => {
  const conversations = o.quick ? 2 : 5;
  o.log(`${conversations} conversations × ${TURNS} turns × 2 requests, per mode…`);
  const reuse = await runMode('reuse', conversations, o);
  const replay = await runMode('replay', conversations, o);
  const first = { reuse: reuse[0] as Conversation, replay: replay[0] as Conversation };
  o.log(
    table(
      ['request', 'with reuse: kind', 'bytes', 'reuse off: kind', 'bytes'],
      first.reuse.asks.map((a, i) => {
        const r = first.replay.asks[i];
        return [String(i + 1), kind(a), kb(a.bytes), r ? kind(r) : '', r ? kb(r.bytes) : ''];
      }),
    ),
  );
  const all = (c: Conversation[]): SimAsk[] => c.flatMap((x) => x.asks);
  const bytes = {
    reuse: sum(all(reuse)) / conversations,
    replay: sum(all(replay)) / conversations,
  };
  const ratio = bytes.replay / bytes.reuse;
  const replies = all(reuse).filter((a) => a.continued).length;
  const later = all(reuse).length - conversations;
  const cpu = (c: Conversation[]) => c.map((x) => x.cpuUs / x.asks.length);
  const tb = toolBlockBytes();
  o.log(
    `(conversation 1 shown; bytes = questionText sent upstream; the tool block of Claude Code's ${tb.tools} tools: ${kb(tb.before)} as JSON Schema → ${kb(tb.after)} compact)`,
  );
  const figures: Figure[] = [
    {
      metric: 'upstream bytes per conversation (reuse / off)',
      value: `${kb(bytes.reuse)} / ${kb(bytes.replay)}`,
    },
    {
      metric: 'upstream bytes per request after the first (reuse, mean)',
      value: kb(
        (bytes.reuse - sum(reuse.map((c) => c.asks[0] as SimAsk)) / conversations) /
          (2 * TURNS - 1),
      ),
    },
    {
      metric: 'full replay ÷ reuse',
      value: `${ratio.toFixed(1)}×`,
      target: `≥ ${TARGET_RATIO}×`,
      verdict: verdict(ratio >= TARGET_RATIO),
    },
    {
      metric: 'requests after a session’s first that were replies',
      value: `${replies} of ${later}`,
      target: 'all',
      verdict: verdict(replies === later),
    },
    {
      metric: 'gateway CPU per request, reuse (best; mean)',
      value: `${Math.round(Math.min(...cpu(reuse)))} µs; ${Math.round(mean(cpu(reuse)))} µs`,
    },
    {
      metric: 'gateway CPU per request, reuse off (best; mean)',
      value: `${Math.round(Math.min(...cpu(replay)))} µs; ${Math.round(mean(cpu(replay)))} µs`,
      target: '≥ reuse',
      verdict: verdict(Math.min(...cpu(reuse)) <= Math.min(...cpu(replay))),
    },
    {
      metric: 'tool block, Claude Code tools (JSON Schema → compact)',
      value: `${tb.before} → ${tb.after} B`,
    },
  ];
  return { name: 'agent-loop', figures };
};
