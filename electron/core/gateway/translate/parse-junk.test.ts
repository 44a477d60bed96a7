/**
 * Robustness: valid bodies with one value replaced by junk (seeded, so failures reproduce) must
 * either parse or fail with a 400 ApiError — never a TypeError or any other crash.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import {
  parseAnthropicCountTokensRequest,
  parseAnthropicMessagesRequest,
} from './anthropic-request';
import { parseOpenAiChatRequest } from './openai-request';

const JUNK: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.NaN,
  '',
  'x',
  true,
  [],
  [null],
  [[]],
  {},
  { type: 'text' },
  { type: null },
  { __proto__: null, toString: 1 },
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
];

const OPENAI_BODY = {
  model: 'qwen',
  messages: [
    { role: 'system', content: 'S' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'hi' },
        { type: 'image_url', image_url: { url: 'u' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
    },
    { role: 'tool', tool_call_id: 'c', content: 'r' },
  ],
  tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
  tool_choice: { type: 'function', function: { name: 'f' } },
  stream: true,
  stream_options: { include_usage: true },
  temperature: 1,
  stop: ['x'],
};

const ANTHROPIC_BODY = {
  model: 'qwen',
  max_tokens: 10,
  system: [{ type: 'text', text: 'S' }],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'hi' },
        { type: 'image', source: {} },
      ],
    },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }] },
    {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'r' }] }],
    },
  ],
  tools: [{ name: 'f', input_schema: { type: 'object' } }],
  tool_choice: { type: 'tool', name: 'f' },
  metadata: { user_id: 'u' },
};

/** Every path to a value inside `value` (objects and arrays), as key lists. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(value))
    value.forEach((v, i) => out.push([...prefix, i], ...paths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value))
      out.push([...prefix, k], ...paths(v, [...prefix, k]));
  return out;
}

function replaced(body: unknown, path: Array<string | number>, junk: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = junk;
  return copy;
}

function expectParseOrApiError(
  parse: (body: unknown) => unknown,
  body: unknown,
  label: string,
): void {
  try {
    parse(body);
  } catch (err) {
    expect(err, label).toBeInstanceOf(ApiError);
    expect((err as ApiError).status, label).toBe(400);
  }
}

describe('parsers on junk', () => {
  const cases: Array<[string, (body: unknown) => unknown, unknown]> = [
    ['openai', parseOpenAiChatRequest, OPENAI_BODY],
    ['anthropic', parseAnthropicMessagesRequest, ANTHROPIC_BODY],
    ['count_tokens', parseAnthropicCountTokensRequest, ANTHROPIC_BODY],
  ];
  for (const [name, parse, body] of cases) {
    it(`${name}: the fixture itself parses`, () => {
      expect(() => parse(body)).not.toThrow();
    });

    it(`${name}: every value replaced by every junk value parses or is a 400`, () => {
      let checked = 0;
      for (const path of paths(body)) {
        for (const [j, junk] of JUNK.entries()) {
          expectParseOrApiError(
            parse,
            replaced(body, path, junk),
            `${path.join('.')} = JUNK[${j}]`,
          );
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(500);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
