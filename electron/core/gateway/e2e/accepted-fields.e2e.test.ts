import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';

// Item 1 of issue 10: every field, role, block and tool type the current public APIs accept is
// accepted. What Lingma cannot honour is listed in one request-log note; nothing here is a 400.
// Raw HTTP, so no SDK type filters anything out.

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ scenario: { faults: ['delta-interval:1'] } });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function post(
  path: string,
  id: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${h.apiKey}`,
      'x-api-key': h.apiKey,
      'anthropic-version': '2023-06-01',
      'x-request-id': id,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

async function ignoredNote(id: string): Promise<string> {
  const entry = (await h.core.getLog(id)) as unknown as LogEntry | null;
  return entry?.notes?.find((n) => n.startsWith('ignored (not supported upstream): ')) ?? '';
}

const IMAGE = { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' };

describe('root probes', () => {
  it('HEAD / and GET / answer without a key and reveal nothing secret', async () => {
    const head = await fetch(`${h.baseUrl}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const get = await fetch(`${h.baseUrl}/`);
    expect(get.status).toBe(200);
    const text = await get.text();
    expect(JSON.parse(text)).toMatchObject({ name: 'Lingma Gateway' });
    expect(text).not.toContain(h.apiKey);
    expect(text).not.toMatch(/lgw-|account|alpha/i);
    const post = await fetch(`${h.baseUrl}/`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('accepted fields', () => {
  it('Anthropic Messages: system messages anywhere, thinking, output_config, server tools, every block', async () => {
    const { status, json } = await post('/v1/messages?beta=true', 'af-anthropic', {
      model: 'claude-opus-4-5',
      max_tokens: 1024,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      thinking: { type: 'adaptive', display: 'omitted' },
      output_config: { effort: 'high' },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      metadata: { user_id: 'u-1' },
      service_tier: 'auto',
      container: 'container_1',
      mcp_servers: [{ type: 'url', url: 'https://mcp.example', name: 'ex' }],
      tools: [
        { type: 'web_search_20250305', name: 'web_search', max_uses: 2 },
        { type: 'code_execution_20250825', name: 'code_execution' },
        { name: 'lookup', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
      ],
      messages: [
        { role: 'system', content: 'You are in a test.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look at these.', cache_control: { type: 'ephemeral' } },
            { type: 'image', source: IMAGE },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc' } },
            {
              type: 'search_result',
              source: 'https://example.com',
              title: 'Example',
              content: [{ type: 'text', text: 'A search result.' }],
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Hmm.', signature: 'sig-abc' },
            { type: 'redacted_thinking', data: 'opaque' },
            {
              type: 'server_tool_use',
              id: 'srvtoolu_1',
              name: 'web_search',
              input: { query: 'x' },
            },
            {
              type: 'web_search_tool_result',
              tool_use_id: 'srvtoolu_1',
              content: [
                {
                  type: 'web_search_result',
                  url: 'https://e.x',
                  title: 'E',
                  encrypted_content: 'e',
                },
              ],
            },
            { type: 'text', text: 'Seen.' },
          ],
        },
        { role: 'system', content: [{ type: 'text', text: 'Reminder: stay brief.' }] },
        { role: 'user', content: 'af-anthropic: and now?' },
      ],
    });
    expect(status, JSON.stringify(json)).toBe(200);
    expect((json as { model: string }).model).toBe('claude-opus-4-5');
    const note = await ignoredNote('af-anthropic');
    for (const part of [
      'thinking',
      'context_management',
      'service_tier',
      'container',
      'mcp_servers',
      'output_config.effort',
      'cache_control',
      'tools[0] (web_search_20250305)',
      'tools[1] (code_execution_20250825)',
    ])
      expect(note).toContain(part);
  });

  it('Anthropic Messages: a role the API does not have is still a 400 in its shape', async () => {
    const { status, json } = await post('/v1/messages', 'af-anthropic-bad', {
      model: 'claude-opus-4-5',
      max_tokens: 10,
      messages: [{ role: 'tool', content: 'x' }],
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('Chat Completions: developer role and every documented option', async () => {
    const { status, json } = await post('/v1/chat/completions', 'af-chat', {
      model: 'gpt-5',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'af-chat: hi' },
        { role: 'developer', content: 'Still brief.' },
      ],
      response_format: { type: 'text' },
      parallel_tool_calls: false,
      reasoning_effort: 'high',
      max_completion_tokens: 500,
      store: true,
      metadata: { a: 'b' },
      prediction: { type: 'content', content: 'hello' },
      web_search_options: { search_context_size: 'low' },
      seed: 1,
      user: 'u-1',
      logprobs: true,
      top_logprobs: 2,
      verbosity: 'low',
      prompt_cache_key: 'k',
      safety_identifier: 's',
    });
    expect(status, JSON.stringify(json)).toBe(200);
    expect((json as { model: string }).model).toBe('gpt-5');
    const note = await ignoredNote('af-chat');
    for (const part of [
      'reasoning_effort',
      'store',
      'metadata',
      'prediction',
      'web_search_options',
    ])
      expect(note).toContain(part);
  });

  it('Responses: reasoning, include, truncation, prompt_cache_key, service_tier, text options', async () => {
    const { status, json } = await post('/v1/responses', 'af-responses', {
      model: 'gpt-5',
      input: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'af-responses: hi' },
      ],
      reasoning: { effort: 'high', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      truncation: 'auto',
      prompt_cache_key: 'conv-1',
      service_tier: 'flex',
      text: { format: { type: 'text' }, verbosity: 'low' },
      store: false,
      client_metadata: { turn: '1' },
    });
    expect(status, JSON.stringify(json)).toBe(200);
    expect((json as { model: string }).model).toBe('gpt-5');
    const note = await ignoredNote('af-responses');
    for (const part of ['reasoning', 'include', 'truncation', 'service_tier', 'text.verbosity'])
      expect(note).toContain(part);
  });
});
