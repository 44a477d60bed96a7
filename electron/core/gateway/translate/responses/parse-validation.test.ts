import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors';
import { parseResponsesRequest } from './parse-request';
import { lookupOf, MODEL } from './testing/fixtures';

function parseError(body: unknown): ApiError {
  try {
    parseResponsesRequest(body, lookupOf());
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the parser to throw');
}

describe('parseResponsesRequest validation', () => {
  it('answers an unknown previous_response_id with a 404 naming the param', () => {
    const err = parseError({ model: MODEL, input: 'x', previous_response_id: 'resp_gone' });
    expect(err).toMatchObject({
      kind: 'not_found',
      status: 404,
      param: 'previous_response_id',
      message: "Previous response with id 'resp_gone' not found.",
    });
  });

  it.each([
    [{ input: 'x' }, 'model'],
    [{ model: 7, input: 'x' }, 'model'],
    [{ model: MODEL }, 'input'],
    [{ model: MODEL, input: 42 }, 'input'],
    [{ model: MODEL, input: [] }, 'input'],
    [{ model: MODEL, input: [{ role: 'system', content: 'only system' }] }, 'input'],
    [{ model: MODEL, input: ['text'] }, 'input[0]'],
    [{ model: MODEL, input: [{ role: 'user', content: 'a' }, {}] }, 'input[1].type'],
    [{ model: MODEL, input: [{ role: 'user', content: 'a' }, { type: 'bogus' }] }, 'input[1].type'],
    [{ model: MODEL, input: [{ type: 3 }] }, 'input[0].type'],
    [{ model: MODEL, input: [{ role: 'tool', content: 'a' }] }, 'input[0].role'],
    [{ model: MODEL, input: [{ role: 'user' }] }, 'input[0].content'],
    [
      { model: MODEL, input: [{ role: 'user', content: [{ type: 'x' }] }] },
      'input[0].content[0].type',
    ],
    [
      { model: MODEL, input: [{ role: 'user', content: [{ type: 'input_text' }] }] },
      'input[0].content[0].text',
    ],
    [{ model: MODEL, input: [{ type: 'function_call', name: 'f' }] }, 'input[0].call_id'],
    [{ model: MODEL, input: [{ type: 'function_call', call_id: 'c' }] }, 'input[0].name'],
    [
      { model: MODEL, input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: 1 }] },
      'input[0].arguments',
    ],
    [{ model: MODEL, input: [{ type: 'function_call_output', call_id: 'c' }] }, 'input[0].output'],
    [{ model: MODEL, input: [{ type: 'item_reference' }] }, 'input[0].id'],
    [{ model: MODEL, input: 'x', tools: {} }, 'tools'],
    [{ model: MODEL, input: 'x', tools: [{ type: 'function' }] }, 'tools[0].name'],
    [{ model: MODEL, input: 'x', tools: [{ name: 'f' }] }, 'tools[0].type'],
    [
      { model: MODEL, input: 'x', tools: [{ type: 'function', name: 'f', parameters: 'x' }] },
      'tools[0].parameters',
    ],
    [{ model: MODEL, input: 'x', tool_choice: 'sometimes' }, 'tool_choice'],
    [
      { model: MODEL, input: 'x', tool_choice: { type: 'function', name: 'nope' } },
      'tool_choice.name',
    ],
    [{ model: MODEL, input: 'x', store: 'yes' }, 'store'],
    [{ model: MODEL, input: 'x', stream: 1 }, 'stream'],
    [{ model: MODEL, input: 'x', max_output_tokens: 0 }, 'max_output_tokens'],
    [{ model: MODEL, input: 'x', temperature: 'hot' }, 'temperature'],
    [{ model: MODEL, input: 'x', metadata: { a: 1 } }, 'metadata.a'],
    [{ model: MODEL, input: 'x', previous_response_id: 5 }, 'previous_response_id'],
  ])('rejects %j with a 400 on %s', (body, param) => {
    const err = parseError(body);
    expect(err.status).toBe(400);
    expect(err.kind).toBe('invalid_request');
    expect(err.param).toBe(param);
  });

  it('turns arbitrary junk into 400s, never TypeErrors', () => {
    const junk: unknown[] = [
      null,
      0,
      'str',
      [],
      true,
      { model: null },
      { model: MODEL, input: null },
    ];
    const values: unknown[] = [null, 1, 'x', [], {}, [null], [{}], [[1]], { type: {} }];
    const keys = ['input', 'tools', 'tool_choice', 'metadata', 'instructions', 'include', 'text'];
    for (const key of keys)
      for (const v of values) junk.push({ model: MODEL, input: 'x', [key]: v });
    for (const v of values) {
      junk.push({ model: MODEL, input: [{ role: 'user', content: v }] });
      junk.push({
        model: MODEL,
        input: [{ type: 'function_call_output', call_id: 'c', output: v }],
      });
      junk.push({ model: MODEL, input: [{ type: 'message', role: v, content: 'x' }] });
    }
    for (const body of junk) {
      try {
        parseResponsesRequest(body, lookupOf());
      } catch (err) {
        expect(err, JSON.stringify(body)).toBeInstanceOf(ApiError);
        expect((err as ApiError).status).toBe(400);
      }
    }
  });
});
