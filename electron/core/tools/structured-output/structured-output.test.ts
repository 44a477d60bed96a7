import { describe, expect, it } from 'vitest';
import { extractJson } from './extract-json';
import { createFormatChecker } from './format-checker';
import { buildFormatCorrection, renderFormatBlock } from './format-prompt';
import { SchemaCompileError, SchemaValidator } from './schema-validator';

const SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    tags: { type: 'array', items: { enum: ['a', 'b'] } },
    when: { type: 'string', format: 'date' },
  },
  required: ['name'],
  additionalProperties: false,
};

describe('extractJson', () => {
  it.each([
    ['the whole answer', '{"a": 1}', { a: 1 }],
    ['surrounding whitespace', '\n  [1, 2]\n', [1, 2]],
    ['a json fence', 'Here:\n```json\n{"a": 1}\n```\nDone.', { a: 1 }],
    ['a bare fence', '```\n{"a": 1}\n```', { a: 1 }],
    ['prose around an object', 'Sure! {"a": {"b": "}"}} hope it helps', { a: { b: '}' } }],
    ['a trailing comma', '{"a": [1, 2,],}', { a: [1, 2] }],
    ['a scalar answer', '42', 42],
    ['braces in text before the value', 'Use {curly} braces: {"ok": true}', { ok: true }],
  ])('finds the value in %s', (_name, answer, value) => {
    const found = extractJson(answer);
    expect(found).toEqual({ ok: true, value, json: JSON.stringify(value) });
  });

  it('reports an empty answer and an answer without JSON', () => {
    expect(extractJson('  ')).toEqual({ ok: false, error: 'the reply was empty' });
    expect(extractJson('I cannot do that.')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no JSON value'),
    });
  });

  it('stays fast on pathological input', () => {
    const started = Date.now();
    expect(extractJson('{'.repeat(200_000)).ok).toBe(false);
    // Bounded work: far below what an unbounded quadratic scan would take.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('SchemaValidator', () => {
  const validator = new SchemaValidator();

  it('reports every problem with its path', () => {
    const check = validator.compile(SCHEMA).check({ name: '', tags: ['c'], extra: 1, when: 'x' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual(
      expect.arrayContaining([
        'the top-level value must not have the property "extra"',
        '`/name` must NOT have fewer than 1 characters',
        '`/tags/0` must be one of ["a","b"]',
        '`/when` must match format "date"',
      ]),
    );
  });

  it('accepts a valid value and reads the declared dialect', () => {
    expect(validator.compile(SCHEMA).check({ name: 'x', when: '2026-01-02' })).toEqual({
      ok: true,
    });
    const draft7 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'string' }, { type: 'integer' }],
    };
    expect(validator.compile(draft7).check(['a', 1])).toEqual({ ok: true });
    expect(validator.compile(draft7).check(['a', 'b']).ok).toBe(false);
    const refs = {
      $defs: { id: { type: 'integer' } },
      type: 'object',
      properties: { id: { $ref: '#/$defs/id' } },
    };
    expect(validator.compile(refs).check({ id: 'x' }).ok).toBe(false);
  });

  it('lets two requests use the same $id with different schemas', () => {
    const one = validator.compile({ $id: 'https://x/s', type: 'string' });
    const two = validator.compile({ $id: 'https://x/s', type: 'number' });
    expect(one.check('a')).toEqual({ ok: true });
    expect(two.check(1)).toEqual({ ok: true });
  });

  it('throws SchemaCompileError for an unusable schema', () => {
    expect(() => validator.compile({ type: 'object', properties: { a: { $ref: '#/x' } } })).toThrow(
      SchemaCompileError,
    );
  });

  it('keeps its cache bounded', () => {
    const v = new SchemaValidator();
    for (let i = 0; i < 200; i += 1) v.compile({ type: 'object', properties: { [`k${i}`]: {} } });
    expect(v.compile({ const: 1 }).check(1)).toEqual({ ok: true });
  });
});

describe('format checker and prompts', () => {
  it('json_schema: extracts, validates, and explains', () => {
    const checker = createFormatChecker({ type: 'json_schema', schema: SCHEMA });
    expect(checker.check('```json\n{"name": "n"}\n```')).toEqual({
      ok: true,
      json: '{"name":"n"}',
      problems: [],
    });
    const bad = checker.check('{"tags": []}');
    expect(bad).toEqual({
      ok: false,
      json: '{"tags":[]}',
      problems: ["the top-level value must have required property 'name'"],
    });
    const correction = checker.correction(bad.problems);
    expect(correction).toContain("- the top-level value must have required property 'name'");
    expect(correction).toContain(`JSON Schema: ${JSON.stringify(SCHEMA)}`);
  });

  it('json_object: any object, nothing else', () => {
    const checker = createFormatChecker({ type: 'json_object' });
    expect(checker.check('ok: {"x": 1}').ok).toBe(true);
    expect(checker.check('[1]')).toMatchObject({
      ok: false,
      problems: ['the reply must be a JSON object'],
    });
    expect(checker.check('no')).toMatchObject({ ok: false });
  });

  it('renders the schema block and corrections', () => {
    const block = renderFormatBlock({
      type: 'json_schema',
      name: 'x',
      description: 'A person.',
      schema: { type: 'object' },
    });
    expect(block).toBe(
      '# Response format\nReply with one JSON value that is valid against the JSON Schema below, ' +
        'and nothing else: no prose before or after it, no code fence.\nWhat the value is for: ' +
        'A person.\nJSON Schema: {"type":"object"}',
    );
    expect(renderFormatBlock({ type: 'json_object' })).toContain('one JSON object');
    expect(buildFormatCorrection({ type: 'json_object' }, ['p'])).toMatch(
      /corrected JSON object\.$/,
    );
  });
});
