import OpenAI from 'openai';
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type { Response as SdkResponse } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors';
import type { OutEvent } from '../../../chat/types';
import { buildResponse } from './build-response';
import { createToolCallParser } from '../../../tools';
import { itemsToHistory } from './input-items';
import { ResponsesStreamEncoder } from './stream-encoder';
import {
  chunkedStream,
  CREATED_AT,
  MODEL,
  requestOf,
  RESPONSE_ID,
  sseText,
  USAGE,
} from './testing/fixtures';

// Responses tool types beyond plain functions: how they are offered (parse), called back (build +
// stream, checked by the SDK's own accumulator), and replayed as history.

const TOOLS = [
  { type: 'function', name: 'get_weather', parameters: { type: 'object' } },
  {
    type: 'namespace',
    name: 'crm',
    description: 'Customer records.',
    tools: [
      { type: 'function', name: 'lookup', parameters: { type: 'object' } },
      { type: 'custom', name: 'note' },
      { type: 'web_search' },
    ],
  },
  {
    type: 'custom',
    name: 'apply_patch',
    format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' },
  },
  { type: 'local_shell' },
  { type: 'web_search' },
  { type: 'tool_search', execution: 'client' },
];

const request = requestOf({ tools: TOOLS, stream: true });
const init = { id: RESPONSE_ID, createdAt: CREATED_AT, model: MODEL, request };

const EVENTS: OutEvent[] = [
  { type: 'tool_call', call: { id: 'c1', name: 'crm.lookup', arguments: '{"id":7}' } },
  { type: 'tool_call', call: { id: 'c2', name: 'apply_patch', arguments: '{"input":"*** x"}' } },
  {
    type: 'tool_call',
    call: {
      id: 'c3',
      name: 'local_shell',
      arguments: '{"command":["ls"],"working_directory":"/w"}',
    },
  },
  { type: 'tool_call', call: { id: 'c4', name: 'crm.note', arguments: '{"input":"hi"}' } },
  { type: 'finish', finishReason: 'tool_calls', usage: USAGE },
];

describe('parsing tool kinds', () => {
  it('offers client-executed tools and notes hosted ones', () => {
    expect(request.tools.map((t) => [t.name, t.kind ?? 'function'])).toEqual([
      ['get_weather', 'function'],
      ['crm.lookup', 'function'],
      ['crm.note', 'custom'],
      ['apply_patch', 'custom'],
      ['local_shell', 'local_shell'],
    ]);
    expect(request.tools[1]?.namespace).toEqual({ name: 'crm', tool: 'lookup' });
    // The namespace's description travels with each of its tools.
    expect(request.tools[1]?.description).toBe('Customer records.');
    expect(request.tools[3]?.format).toBe('"input" must follow this lark grammar:\nstart: "x"');
    expect(request.ignoredParams).toEqual([
      'tools[1].tools[2] (web_search)',
      'tools[4] (web_search)',
      'tools[5] (tool_search)',
    ]);
  });

  it('rejects a custom tool format the API does not have', () => {
    expect(() =>
      requestOf({ tools: [{ type: 'custom', name: 'x', format: { type: 'yaml' } }] }),
    ).toThrow(ApiError);
  });
});

describe('calling them back', () => {
  it('takes a namespaced tool by its bare name when that is unambiguous', () => {
    const parser = createToolCallParser(request, { newId: () => 'c9' });
    const events = [
      ...parser.push('```tool_call\n{"name": "lookup", "arguments": {}}\n```'),
      ...parser.end(),
    ];
    expect(events).toEqual([
      { type: 'tool_call', call: { id: 'c9', name: 'crm.lookup', arguments: '{}' } },
    ]);
  });

  it('builds each call in its own item shape', () => {
    const res = buildResponse({ ...init, events: EVENTS });
    expect(res.output).toEqual([
      {
        id: 'fc_test1_0',
        type: 'function_call',
        call_id: 'c1',
        name: 'lookup',
        arguments: '{"id":7}',
        status: 'completed',
        namespace: 'crm',
      },
      {
        id: 'ctc_test1_1',
        type: 'custom_tool_call',
        call_id: 'c2',
        name: 'apply_patch',
        input: '*** x',
      },
      {
        id: 'lsh_test1_2',
        type: 'local_shell_call',
        call_id: 'c3',
        action: { type: 'exec', command: ['ls'], env: {}, working_directory: '/w' },
        status: 'completed',
      },
      {
        id: 'ctc_test1_3',
        type: 'custom_tool_call',
        call_id: 'c4',
        name: 'note',
        input: 'hi',
        namespace: 'crm',
      },
    ]);
  });

  it('streams them so the SDK accumulates the same output', async () => {
    const encoder = new ResponsesStreamEncoder(init);
    const frames = [
      ...encoder.start(),
      ...EVENTS.flatMap((e) => encoder.push(e)),
      ...encoder.close(),
    ];
    const client = new OpenAI({
      apiKey: 'x',
      baseURL: 'http://test/v1',
      maxRetries: 0,
      fetch: async () =>
        new Response(chunkedStream(sseText(frames)), {
          headers: { 'content-type': 'text/event-stream' },
        }),
    });
    const stream = client.responses.stream({ model: MODEL, input: 'hi' });
    let folded: SdkResponse | undefined;
    const inputs: string[] = [];
    stream.on('event', (e) => {
      if (e.type !== 'response.completed') folded = accumulateResponse(e, folded);
    });
    stream.on('response.custom_tool_call_input.done', (e) => inputs.push(e.input));
    const final = await stream.finalResponse();
    const expected = buildResponse({ ...init, events: EVENTS });
    expect(folded?.output).toEqual(expected.output);
    // The SDK's final response adds its own `parsed_arguments` to function calls.
    expect(final.output).toMatchObject(expected.output);
    expect(inputs).toEqual(['*** x', 'hi']);
  });

  it('replays them as the calls the model made', () => {
    const res = buildResponse({ ...init, events: EVENTS });
    const history = itemsToHistory([], res.output);
    expect(history).toEqual([
      {
        role: 'assistant',
        text: '',
        toolCalls: [
          { id: 'c1', name: 'crm.lookup', arguments: '{"id":7}' },
          { id: 'c2', name: 'apply_patch', arguments: '{"input":"*** x"}' },
          {
            id: 'c3',
            name: 'local_shell',
            arguments: '{"command":["ls"],"env":{},"working_directory":"/w"}',
          },
          { id: 'c4', name: 'crm.note', arguments: '{"input":"hi"}' },
        ],
      },
    ]);
  });

  it('pairs outputs of every kind with their calls', () => {
    const req = requestOf({
      tools: TOOLS,
      input: [
        { type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: '*** x' },
        { type: 'custom_tool_call_output', call_id: 'c2', output: 'patched' },
        {
          type: 'local_shell_call',
          id: 'lsh_1',
          call_id: 'c3',
          status: 'completed',
          action: { type: 'exec', command: ['ls'], env: {} },
        },
        { type: 'local_shell_call_output', id: 'c3', output: 'a.txt' },
        { type: 'function_call', call_id: 'c1', name: 'lookup', namespace: 'crm', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'found' },
      ],
    });
    const results = req.messages.flatMap((m) => (m.toolResult ? [m.toolResult] : []));
    expect(results).toEqual([
      { callId: 'c2', name: 'apply_patch', content: 'patched' },
      { callId: 'c3', name: 'local_shell', content: 'a.txt' },
      { callId: 'c1', name: 'crm.lookup', content: 'found' },
    ]);
  });
});
