import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';

let h: Harness;
let client: OpenAI;

function asks(accountId: string): Array<Record<string, unknown>> {
  const file = join(h.workDir(accountId), 'logs', 'sim-requests.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(async () => {
  h = await startHarness({ accounts: ['alpha'] });
  client = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

describe('OpenAI SDK against the gateway (simulator upstream)', () => {
  it('lists the Lingma models and retrieves one', async () => {
    const models = await client.models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toContain('dashscope_qwen3_coder');
    expect(new Set(ids).size).toBe(ids.length);
    const one = await client.models.retrieve('dashscope_qwen3_coder');
    expect(one.id).toBe('dashscope_qwen3_coder');
    await expect(client.models.retrieve('no-such-model')).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
  });

  it('answers a non-stream chat with usage and the real model', async () => {
    const r = await client.chat.completions.create({
      model: 'dashscope_qwen3_coder',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is a monad?' },
      ],
    });
    expect(r.object).toBe('chat.completion');
    expect(r.model).toBe('dashscope_qwen3_coder');
    expect(r.choices[0]?.message.content).toContain('What is a monad?');
    expect(r.choices[0]?.finish_reason).toBe('stop');
    expect(r.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(r.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('streams with one id, the real model, reasoning and a usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'dashscope_qwen_plus_20250428_thinking',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Stream me please' }] }],
    });
    const ids = new Set<string>();
    const models = new Set<string>();
    let text = '';
    let reasoning = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      ids.add(chunk.id);
      models.add(chunk.model);
      const delta = chunk.choices[0]?.delta as
        { content?: string; reasoning_content?: string } | undefined;
      text += delta?.content ?? '';
      reasoning += delta?.reasoning_content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(ids.size).toBe(1);
    expect([...models]).toEqual(['dashscope_qwen_plus_20250428_thinking']);
    expect(text).toContain('Stream me please');
    expect(reasoning.length).toBeGreaterThan(0);
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('serves foreign model names with the default model, echoing the name asked for', async () => {
    const { data: r, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(r.model).toBe('gpt-4o');
    // Which Lingma model answered is said in a header (and the request log).
    // The strict simulator has no isDefault: the head of the chat scene is the default.
    expect(response.headers.get('x-lingma-model')).toBe('dashscope_qwen3_coder_default');
    expect(r.choices[0]?.message.content?.length).toBeGreaterThan(0);
  });

  it('continues the upstream session: the second turn sends only the new message', async () => {
    const first = await client.chat.completions.create({
      model: 'dashscope_qwen3_coder',
      messages: [{ role: 'user', content: 'Remember the word kiwi' }],
    });
    const answer = first.choices[0]?.message.content ?? '';
    const before = asks(h.accountIds[0] as string).length;
    const second = await client.chat.completions.create({
      model: 'dashscope_qwen3_coder',
      messages: [
        { role: 'user', content: 'Remember the word kiwi' },
        { role: 'assistant', content: answer },
        { role: 'user', content: 'Which word?' },
      ],
    });
    const last = asks(h.accountIds[0] as string).slice(before);
    expect(last).toHaveLength(1);
    expect(last[0]?.params).toMatchObject({ isReply: true, questionText: 'Which word?' });
    expect(second.choices[0]?.message.content).toMatch(/turn 2|2 turns|second/i);
  });

  it('raises the typed SDK errors', async () => {
    const bad = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: 'lgw-wrong', maxRetries: 0 });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(
      client.chat.completions.create({
        model: 'auto',
        n: 2,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(
      client.chat.completions.create({
        model: 'auto',
        messages: [] as OpenAI.ChatCompletionMessageParam[],
      }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
