import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';

let h: Harness;
let client: Anthropic;

beforeAll(async () => {
  h = await startHarness({ accounts: ['alpha'] });
  client = new Anthropic({ baseURL: h.baseUrl, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

describe('Anthropic SDK against the gateway (simulator upstream)', () => {
  it('answers a non-stream message with blocks and usage', async () => {
    const m = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      system: [{ type: 'text', text: 'You are terse.' }],
      messages: [{ role: 'user', content: 'Explain closures' }],
    });
    expect(m.type).toBe('message');
    expect(m.role).toBe('assistant');
    expect(m.stop_reason).toBe('end_turn');
    const text = m.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    expect(text).toContain('Explain closures');
    expect(m.usage.input_tokens).toBeGreaterThan(0);
    expect(m.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams events in order and finalMessage() assembles them, thinking included', async () => {
    const stream = client.messages.stream({
      model: 'dashscope_qwen_plus_20250428_thinking',
      max_tokens: 256,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Stream a reply' }] }],
    });
    const order: string[] = [];
    stream.on('streamEvent', (e) => order.push(e.type));
    const m = await stream.finalMessage();
    expect(order[0]).toBe('message_start');
    expect(order.at(-1)).toBe('message_stop');
    expect(order.at(-2)).toBe('message_delta');
    expect(order).toContain('content_block_start');
    expect(m.content[0]?.type).toBe('thinking');
    const text = m.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    expect(text).toContain('Stream a reply');
    expect(m.stop_reason).toBe('end_turn');
  });

  it('counts tokens', async () => {
    const r = await client.messages.countTokens({
      model: 'auto',
      messages: [{ role: 'user', content: 'How many tokens is this sentence?' }],
    });
    expect(r.input_tokens).toBeGreaterThan(3);
  });

  it('raises typed errors in the Anthropic shape', async () => {
    const bad = new Anthropic({ baseURL: h.baseUrl, apiKey: 'lgw-nope', maxRetries: 0 });
    await expect(
      bad.messages.create({
        model: 'auto',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const err = await client.messages
      .create({ model: 'auto', max_tokens: -1, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
  });

  it('accepts Claude Code style auth (Bearer) and anthropic-version', async () => {
    const r = await fetch(`${h.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.apiKey}`,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'auto',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'ping' }],
      }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
