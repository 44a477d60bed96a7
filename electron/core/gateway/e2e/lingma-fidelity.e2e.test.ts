/**
 * The gateway against the simulator in its strict default (§13), on the points where a kinder
 * simulator used to hide mistakes: reasoning inside answers, parallel turns on one connection,
 * the default model without `isDefault`, agent-mode parameters and follow-ups.
 */
import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';

const THINKING = 'dashscope_qwen_plus_20250428_thinking';
let h: Harness;
let openai: OpenAI;

function asks(): Array<Record<string, unknown>> {
  const file = join(h.workDir(h.accountIds[0] as string), 'logs', 'sim-requests.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { params: Record<string, unknown> }).params);
}

/** A streamed chat with the reasoning model: the answer and the reasoning, each joined. */
async function streamed(
  client: OpenAI,
  question: string,
): Promise<{ content: string; reasoning: string }> {
  const stream = await client.chat.completions.create({
    model: THINKING,
    stream: true,
    messages: [{ role: 'user', content: question }],
  });
  let content = '';
  let reasoning = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as
      { content?: string; reasoning_content?: string } | undefined;
    content += delta?.content ?? '';
    reasoning += delta?.reasoning_content ?? '';
  }
  return { content, reasoning };
}

beforeAll(async () => {
  h = await startHarness({
    scenario: {
      faults: ['delta-interval:1'],
      rules: [
        { match: 'cut short', think: 'half a thought', thinkForm: 'unclosed' },
        { match: 'slowly', faults: { deltaIntervalMs: 15 } },
      ],
    },
    // The "intl" catalogue's Auto key is dashscope_qwen3_coder_default: nothing may assume `auto`.
    env: { LINGMA_SIM_CATALOGUE: 'intl' },
    settings: { routing: { maxConcurrentPerInstance: 4, maxInFlight: 8 } },
  });
  openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());

describe('Lingma fidelity through the gateway', () => {
  it('never leaks think:: fences or <think> tags into answers, whatever form the binary uses', async () => {
    // Four turns: the simulator cycles chat/think, a {THINK_TIME} fence, tags and a ms fence.
    for (const n of [1, 2, 3, 4]) {
      const { content, reasoning } = await streamed(openai, `reason ${n}`);
      expect(content).toBe(`Simulated reply from ${THINKING}, turn 1. You said: reason ${n}`);
      expect(reasoning).toContain(`reason ${n}`);
      expect(reasoning).not.toMatch(/````|think::|<\/?think>/);
    }
  });

  it('turns a fence still open at the finish into reasoning, not answer text', async () => {
    const r = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'you were cut short' }],
    });
    const message = r.choices[0]?.message as { content: string | null; reasoning_content?: string };
    expect(message.content ?? '').toBe('');
    expect(message.reasoning_content).toBe('half a thought');
  });

  it('picks the head of the scene as the default model (no isDefault, no hard-coded auto)', async () => {
    const { data: r, response } = await openai.chat.completions
      .create({
        model: 'claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'which model?' }],
      })
      .withResponse();
    // The client's name is echoed; the Lingma model that answered is in the header.
    expect(r.model).toBe('claude-sonnet-4-5');
    expect(response.headers.get('x-lingma-model')).toBe('dashscope_qwen3_coder_default');
    expect(r.choices[0]?.message.content).toContain(
      'Simulated reply from dashscope_qwen3_coder_default',
    );
  });

  it('runs parallel requests as parallel turns on one connection, each with its own answer', async () => {
    const questions = ['slowly one', 'slowly two', 'slowly three'];
    const answers = await Promise.all(
      questions.map((q) =>
        openai.chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: q }],
        }),
      ),
    );
    answers.forEach((r, i) => {
      expect(r.choices[0]?.message.content).toMatch(new RegExp(`You said: ${questions[i]}$`));
    });
    // They really overlapped upstream: every turn started before any of them finished.
    const log = readFileSync(
      join(h.workDir(h.accountIds[0] as string), 'logs', 'lingma.log'),
      'utf8',
    );
    const ids = asks()
      .filter((p) => questions.some((q) => String(p.questionText).endsWith(q)))
      .map((p) => String(p.requestId));
    expect(ids).toHaveLength(3);
    const lastStart = Math.max(...ids.map((id) => log.indexOf(`Async chat, request id: ${id}`)));
    const endOf = (id: string): number => {
      const m = new RegExp(`chat finished \\(\\d+\\), request id: ${id}`).exec(log);
      return m ? m.index : -1;
    };
    const firstEnd = Math.min(...ids.map(endOf));
    expect(firstEnd).toBeGreaterThan(0);
    expect(lastStart).toBeLessThan(firstEnd);
  });

  it('sends agent turns as mode agent + sessionType assistant and follow-ups as FREE_INPUT + isReply', async () => {
    await openai.chat.completions.create({
      model: 'lingma-agent',
      messages: [{ role: 'user', content: 'agent please' }],
    });
    const agent = asks().find(
      (p) => p.questionText && String(p.questionText).includes('agent please'),
    );
    expect(agent).toMatchObject({
      mode: 'agent',
      sessionType: 'assistant',
      chatTask: 'FREE_INPUT',
    });

    const first = [{ role: 'user' as const, content: 'remember the word kiwi' }];
    const r1 = await openai.chat.completions.create({ model: 'gpt-4o', messages: first });
    const r2 = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        ...first,
        { role: 'assistant', content: r1.choices[0]?.message.content ?? '' },
        { role: 'user', content: 'what was it?' },
      ],
    });
    // Session reuse hit: the simulator continued the session (turn 2), which it only does for
    // isReply plus a sessionId that a finish returned.
    expect(r2.choices[0]?.message.content).toMatch(/turn 2\. You said: what was it\?$/);
    const followUp = asks().at(-1);
    expect(followUp).toMatchObject({ chatTask: 'FREE_INPUT', isReply: true });
    expect(followUp?.sessionId).not.toBe('');
  });
});

describe("the desktop app's binary (ACP flavour)", () => {
  let acp: Harness;
  beforeAll(async () => {
    acp = await startHarness({ env: { LINGMA_SIM_FLAVOUR: 'acp' } });
  }, 60_000);
  afterAll(() => acp.close());

  it('is detected and served: login, streamed chat, reasoning, follow-up', async () => {
    const client = new OpenAI({ baseURL: `${acp.baseUrl}/v1`, apiKey: acp.apiKey, maxRetries: 0 });
    const { content, reasoning } = await streamed(client, 'served over ACP?');
    expect(content).toBe(`Simulated reply from ${THINKING}, turn 1. You said: served over ACP?`);
    expect(reasoning).toContain('served over ACP?');
    const first = [{ role: 'user' as const, content: 'acp kiwi' }];
    const r1 = await client.chat.completions.create({ model: THINKING, messages: first });
    const r2 = await client.chat.completions.create({
      model: THINKING,
      messages: [
        ...first,
        { role: 'assistant', content: r1.choices[0]?.message.content ?? '' },
        { role: 'user', content: 'and now?' },
      ],
    });
    expect(r2.choices[0]?.message.content).toMatch(/turn 2\. You said: and now\?$/);
  });
});
