import { describe, expect, it } from 'vitest';
import {
  buildInvalidCallCorrection,
  buildMissingCallCorrection,
  correctionFor,
} from './corrections';
import { base62, createIdGenerator, sequentialIdGenerator, toolCallIdPrefix } from './ids';
import { parseLenientJson, stripTrailingCommas } from './lenient-json';
import { SEARCH, TOOLS, WEATHER } from './testing/fixtures';
import { checkArguments, checkCallObject, findTool } from './validate';

const auto = { type: 'auto' } as const;

describe('argument checks', () => {
  it('accepts arguments that meet the schema', () => {
    expect(checkArguments(WEATHER, { city: 'Paris', unit: 'c', days: 3, extra: true })).toEqual([]);
  });

  it('reports missing required arguments and wrong top-level types', () => {
    expect(checkArguments(WEATHER, { unit: 'k', days: 1.5 })).toEqual([
      'missing required argument "city"',
      'argument "unit" must be one of ["c","f"]',
      'argument "days" must be integer, got number',
    ]);
    expect(checkArguments(WEATHER, [])).toEqual(['"arguments" must be a JSON object, got array']);
  });

  it('understands type unions and number vs integer', () => {
    const tool = {
      name: 't',
      parameters: { properties: { a: { type: ['string', 'null'] }, n: { type: 'number' } } },
    };
    expect(checkArguments(tool, { a: null, n: 2 })).toEqual([]);
    expect(checkArguments(tool, { a: 1 })).toEqual([
      'argument "a" must be string or null, got integer',
    ]);
  });
});

describe('call objects', () => {
  it('finds tools case-insensitively, preferring an exact match', () => {
    const tools = [
      { name: 'Read', parameters: {} },
      { name: 'read', parameters: {} },
    ];
    expect(findTool(tools, 'read')?.name).toBe('read');
    expect(findTool(tools, 'READ')?.name).toBe('Read');
    expect(findTool(tools, 'write')).toBeUndefined();
  });

  it('returns canonical name and compact arguments', () => {
    expect(checkCallObject({ name: ' Search ', arguments: { query: 'q' } }, TOOLS, auto)).toEqual({
      ok: true,
      name: 'search',
      arguments: '{"query":"q"}',
    });
    expect(checkCallObject({ name: 'search', parameters: { query: 'q' } }, TOOLS, auto).ok).toBe(
      true,
    );
  });

  it('rejects what it cannot use, with reasons', () => {
    expect(checkCallObject([], TOOLS, auto)).toMatchObject({ ok: false });
    expect(checkCallObject({ arguments: {} }, TOOLS, auto)).toMatchObject({
      reasons: ['the call has no "name" string'],
    });
    expect(checkCallObject({ name: 'search', arguments: '{bad' }, TOOLS, auto)).toMatchObject({
      ok: false,
      name: 'search',
    });
    expect(
      checkCallObject({ name: 'search', arguments: { query: 'q' } }, TOOLS, {
        type: 'tool',
        name: 'get_weather',
      }),
    ).toMatchObject({ reasons: ['tool_choice requires the tool "get_weather", not "search"'] });
  });
});

describe('lenient JSON', () => {
  it('repairs trailing commas only outside strings', () => {
    expect(stripTrailingCommas('{"a": [1, 2, ], "b": ",}", }')).toBe('{"a": [1, 2 ], "b": ",}" }');
    expect(parseLenientJson('{"a": 1,}')).toEqual({ ok: true, value: { a: 1 }, repaired: true });
    expect(parseLenientJson("{'a': 1}").ok).toBe(false);
  });
});

describe('corrections', () => {
  const invalid = [
    {
      raw: 'x',
      name: 'get_weather',
      reasons: ['missing required argument "city"'],
      source: 'block' as const,
    },
    { raw: 'y', reasons: ['not valid JSON: boom'], source: 'block' as const },
  ];

  it('names each problem and shows the schema of the tools involved', () => {
    const text = buildInvalidCallCorrection(invalid, TOOLS, auto, [
      { id: 'call_1', name: 'search', arguments: '{}' },
    ]);
    expect(text).toContain('2 tool calls that could not be used');
    expect(text).toContain('1. "get_weather": missing required argument "city"');
    expect(text).toContain('2. unreadable call: not valid JSON: boom');
    expect(text).toContain('```tool_call\n{"name": "<tool name>", "arguments": { ... }}\n```');
    expect(text).toContain('The other calls ("search") were accepted: do not repeat them.');
    expect(text).toContain(
      `Parameters of "get_weather" (JSON Schema): ${JSON.stringify(WEATHER.parameters)}`,
    );
  });

  it('lists the tools when no invalid block named one', () => {
    const text = buildInvalidCallCorrection([invalid[1]!], [SEARCH], auto);
    expect(text).toContain('Available tools: "search".');
  });

  it('demands the forced tool or any tool', () => {
    expect(buildMissingCallCorrection(TOOLS, { type: 'tool', name: 'search' })).toContain(
      '```tool_call\n{"name": "search", "arguments": { ... }}\n```',
    );
    expect(buildMissingCallCorrection(TOOLS, { type: 'required' })).toContain(
      'Available tools: "get_weather", "search", "write_file".',
    );
  });

  it('picks the right correction or none', () => {
    const call = { id: 'c', name: 'search', arguments: '{}' };
    expect(correctionFor({ calls: [], invalid: [] }, TOOLS, auto)).toBeNull();
    expect(correctionFor({ calls: [call], invalid: [] }, TOOLS, { type: 'required' })).toBeNull();
    expect(correctionFor({ calls: [], invalid: [] }, TOOLS, { type: 'required' })).toMatch(
      /must call/,
    );
    expect(correctionFor({ calls: [], invalid }, TOOLS, auto)).toMatch(/could not be used/);
    expect(correctionFor({ calls: [], invalid }, TOOLS, { type: 'none' })).toBeNull();
  });
});

describe('ids', () => {
  it('uses the protocol prefix and 24 base62 characters', () => {
    expect(toolCallIdPrefix('openai')).toBe('call_');
    expect(toolCallIdPrefix('responses')).toBe('call_');
    expect(createIdGenerator('anthropic')()).toMatch(/^toolu_[0-9A-Za-z]{24}$/);
    const ids = new Set(Array.from({ length: 1000 }, createIdGenerator('openai')));
    expect(ids.size).toBe(1000);
  });

  it('rejects biased bytes and is deterministic with an injected source', () => {
    // 248..255 would skew `% 62`: they must be skipped.
    const bytes = [255, 248, 0, 61, 62, 247];
    let i = 0;
    const random = (n: number): Uint8Array =>
      Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length] as number);
    expect(base62(4, random)).toBe('0z0z');
    const seq = sequentialIdGenerator('toolu_');
    expect([seq(), seq()]).toEqual(['toolu_1', 'toolu_2']);
  });
});
