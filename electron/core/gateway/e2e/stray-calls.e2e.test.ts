import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';
import { simQuestions } from './support/sim-questions';

// A tool call the client did not offer never reaches the user as raw markup: the gateway asks
// once more without it, and strips what is still there (noting it in the request log).

const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    {
      match: 'st-fixed[\\s\\S]*no tools are available',
      regex: true,
      answer: 'It is sunny in Oslo.',
    },
    { match: 'st-fixed', answer: 'Checking.\n' + call('get_weather', { city: 'Oslo' }) },
    { match: 'st-stuck', answer: 'Checking.\n' + call('get_weather', { city: 'Oslo' }) + '\nOK.' },
  ],
};

let h: Harness;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  h = await startHarness({ scenario: SCENARIO });
  openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: h.baseUrl, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('calls to tools the client did not offer', () => {
  it('are corrected once: the retry answers in text', async () => {
    const res = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[st-fixed] Weather in Oslo?' }],
    });
    // The preamble had already streamed; the retry's text follows it. No markup either way.
    expect(res.choices[0]?.message.content).toBe('Checking.\n\nIt is sunny in Oslo.');
    expect(res.choices[0]?.message.tool_calls ?? []).toHaveLength(0);
    const sent = simQuestions(h, '[st-fixed]');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain('no tools are available in this conversation');
  });

  it('are stripped from a stream when still there, and noted in the log', async () => {
    const id = 'st-stuck-1';
    const stream = anthropic.messages.stream(
      {
        model: 'claude-sonnet-4-6',
        max_tokens: 256,
        messages: [{ role: 'user', content: '[st-stuck] Weather in Oslo?' }],
      },
      { headers: { 'x-request-id': id } },
    );
    let streamed = '';
    stream.on('text', (t) => (streamed += t));
    const final = await stream.finalMessage();
    expect(streamed).not.toContain('```');
    expect(streamed).not.toContain('get_weather');
    expect(final.content.filter((b) => b.type === 'tool_use')).toHaveLength(0);
    expect(streamed).toBe('Checking.\n\nOK.');
    expect(simQuestions(h, '[st-stuck]')).toHaveLength(2);
    const entry = (await h.core.getLog(id)) as unknown as LogEntry | null;
    expect(entry?.notes).toEqual(
      expect.arrayContaining([
        'stripped tool call "get_weather": no tools are available in this conversation',
      ]),
    );
  });
});
