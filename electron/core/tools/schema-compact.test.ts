import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../gateway/e2e/support/fixtures';
import { parseAnthropicMessagesRequest } from '../gateway/translate/anthropic-request';
import { parseResponsesRequest } from '../gateway/translate/responses';
import type { ToolDef } from '../chat/types';
import { renderParameters } from './schema-compact';

describe('compact parameters', () => {
  it('lists names, types, what is required, allowed values, defaults and descriptions', () => {
    const text = renderParameters({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Where.' },
        mode: { enum: ['a', 'b'], default: 'a' },
        count: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
        tags: { type: 'array', items: { type: 'string' } },
        maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        edits: {
          type: 'array',
          items: {
            type: 'object',
            properties: { old: { type: 'string' }, new: { type: 'string' } },
            required: ['old'],
            additionalProperties: false,
          },
        },
      },
      required: ['path', 'edits'],
      additionalProperties: false,
    });
    expect(text).toBe(
      [
        'Parameters:',
        '- path: string, required — Where.',
        '- mode: "a" | "b" (default: "a")',
        '- count: integer {"minimum":1}',
        '- tags: array of string',
        '- maybe: string | null',
        '- edits: array of object, required',
        '  - old: string, required',
        '  - new: string',
      ].join('\n'),
    );
  });

  it('keeps what a line cannot say as JSON, and falls back to JSON for other schemas', () => {
    expect(
      renderParameters({
        type: 'object',
        properties: { x: { type: 'string', pattern: '^a' } },
        minProperties: 1,
      }),
    ).toBe('Parameters (also {"minProperties":1}):\n- x: string {"pattern":"^a"}');
    expect(renderParameters({ type: 'object', properties: {} })).toBe('Parameters: none');
    expect(renderParameters({ type: 'string' })).toBe(
      'Parameters (JSON Schema): {"type":"string"}',
    );
  });
});

/** Every string a schema holds that a caller needs: property names, descriptions, enum values. */
function meaningful(schema: unknown, out: string[] = []): string[] {
  if (Array.isArray(schema)) for (const v of schema) meaningful(v, out);
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
      if (k === '$schema') continue;
      if (k === 'properties' && v && typeof v === 'object') out.push(...Object.keys(v));
      if (k === 'description' && typeof v === 'string') out.push(v.trim());
      if (k === 'enum' && Array.isArray(v)) out.push(...v.map((e) => JSON.stringify(e)));
      meaningful(v, out);
    }
  }
  return out;
}

describe("the real clients' tools", () => {
  const tools: ToolDef[] = [
    ...loadFixtures('claude-code').flatMap(
      (f) => parseAnthropicMessagesRequest(f.fixture.body).tools,
    ),
    ...loadFixtures('codex').flatMap(
      (f) => parseResponsesRequest(f.fixture.body, { lookupPrevious: () => undefined }).tools,
    ),
  ];

  it.each(tools.map((t) => [t.name, t] as const))('%s loses nothing a caller needs', (_n, t) => {
    // Continuation lines of a description are indented under their parameter.
    const flat = (s: string): string => s.replace(/\s+/g, ' ');
    const text = flat(renderParameters(t.parameters));
    for (const s of meaningful(t.parameters)) expect(text).toContain(flat(s));
  });

  it('are shorter than their JSON Schema', () => {
    const json = tools.reduce((n, t) => n + JSON.stringify(t.parameters).length, 0);
    const compact = tools.reduce((n, t) => n + renderParameters(t.parameters).length, 0);
    expect(compact).toBeLessThan(json * 0.85);
  });
});
