import { describe, expect, it } from 'vitest';
import { buildResponse } from './build-response';
import { parseResponsesRequest } from './parse-request';
import { toStoredResponse } from './store';
import { CREATED_AT, lookupOf, MODEL, requestOf, TEXT_TWO_CALLS_EVENTS } from './testing/fixtures';

describe('parseResponsesRequest', () => {
  it('reads a string input as one user turn with Responses defaults', () => {
    const req = parseResponsesRequest({ model: MODEL, input: 'Hello' }, lookupOf());
    expect(req).toEqual({
      protocol: 'responses',
      model: MODEL,
      system: '',
      messages: [{ role: 'user', text: 'Hello' }],
      tools: [],
      toolChoice: { type: 'auto' },
      stream: false,
      includeUsage: true,
      ignoredParams: [],
      store: true,
      previousResponseId: null,
      instructions: null,
      wireTools: [],
      wireToolChoice: 'auto',
      parallelToolCalls: true,
      metadata: {},
      textFormat: { type: 'text' },
    });
  });

  it('translates every supported item type in order', () => {
    const req = parseResponsesRequest(
      {
        model: MODEL,
        instructions: 'Be brief.',
        stream: true,
        store: false,
        max_output_tokens: 256,
        input: [
          { role: 'developer', content: 'Use metric units.' },
          { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'No emoji.' }] },
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'Weather here?' },
              { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' },
              { type: 'input_file', file_id: 'file_1' },
            ],
          },
          { type: 'reasoning', id: 'rs_x', summary: [{ type: 'summary_text', text: 'plan' }] },
          {
            type: 'message',
            role: 'assistant',
            id: 'msg_x',
            status: 'completed',
            content: [{ type: 'output_text', text: 'Let me check.', annotations: [] }],
          },
          {
            type: 'function_call',
            call_id: 'call_1',
            name: 'get_weather',
            arguments: '{"city":"Paris"}',
          },
          { type: 'function_call', call_id: 'call_2', name: 'get_time', arguments: { tz: 'CET' } },
          { type: 'function_call_output', call_id: 'call_1', output: '18C' },
          {
            type: 'function_call_output',
            call_id: 'call_2',
            output: [{ type: 'input_text', text: '14:00' }],
          },
          { role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot say.' }] },
          { type: 'item_reference', id: 'msg_unknown_0' },
          { type: 'web_search_call', id: 'ws_1', status: 'completed' },
        ],
        tools: [
          {
            type: 'function',
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            strict: true,
          },
          { type: 'function', name: 'get_time', parameters: null, strict: false },
          { type: 'web_search' },
        ],
        tool_choice: { type: 'function', name: 'get_time' },
        temperature: 0.2,
        reasoning: { effort: 'high' },
        include: ['reasoning.encrypted_content'],
        prompt_cache_key: 'conv-42',
        metadata: { ticket: 'T-1' },
      },
      lookupOf(),
    );
    expect(req.system).toBe('Be brief.\n\nUse metric units.\n\nNo emoji.');
    expect(req.messages).toEqual([
      { role: 'user', text: 'Weather here?\n[image]\n[file]' },
      {
        role: 'assistant',
        text: 'Let me check.',
        toolCalls: [
          { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_2', name: 'get_time', arguments: '{"tz":"CET"}' },
        ],
      },
      {
        role: 'tool',
        text: '',
        toolResult: { callId: 'call_1', name: 'get_weather', content: '18C' },
      },
      {
        role: 'tool',
        text: '',
        toolResult: { callId: 'call_2', name: 'get_time', content: '14:00' },
      },
      { role: 'assistant', text: 'I cannot say.' },
    ]);
    expect(req.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
      { name: 'get_time', parameters: { type: 'object', properties: {} } },
    ]);
    expect(req.wireTools.map((t) => [t.name, t.strict])).toEqual([
      ['get_weather', true],
      ['get_time', false],
    ]);
    expect(req.toolChoice).toEqual({ type: 'tool', name: 'get_time' });
    expect(req.wireToolChoice).toEqual({ type: 'function', name: 'get_time' });
    expect(req).toMatchObject({ stream: true, store: false, maxTokens: 256, user: 'conv-42' });
    expect(req.metadata).toEqual({ ticket: 'T-1' });
    expect(req.ignoredParams).toEqual([
      'temperature',
      'reasoning',
      'include',
      'input[10] (item_reference msg_unknown_0)',
      'input[11] (web_search_call)',
      'tools[2] (web_search)',
    ]);
  });

  it('prepends the previous response conversation and resolves references into it', () => {
    const first = requestOf({ input: 'Weather in Paris and the time?', instructions: 'Old.' });
    const response = buildResponse({
      id: 'resp_prev',
      createdAt: CREATED_AT,
      model: MODEL,
      events: TEXT_TWO_CALLS_EVENTS,
      request: first,
    });
    const lookup = lookupOf(toStoredResponse(first, response));
    const next = parseResponsesRequest(
      {
        model: MODEL,
        previous_response_id: 'resp_prev',
        input: [
          { type: 'function_call_output', call_id: 'call_a', output: 'sunny' },
          { type: 'function_call_output', call_id: 'call_b', output: 'noon' },
          { type: 'item_reference', id: 'msg_prev_0' },
        ],
      },
      lookup,
    );
    // Instructions are not carried over from the previous response.
    expect(next.system).toBe('');
    expect(next.previousResponseId).toBe('resp_prev');
    expect(next.messages).toEqual([
      { role: 'user', text: 'Weather in Paris and the time?' },
      {
        role: 'assistant',
        text: 'Checking both.',
        toolCalls: [
          { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_b', name: 'get_time', arguments: '{"tz":"CET"}' },
        ],
      },
      {
        role: 'tool',
        text: '',
        toolResult: { callId: 'call_a', name: 'get_weather', content: 'sunny' },
      },
      {
        role: 'tool',
        text: '',
        toolResult: { callId: 'call_b', name: 'get_time', content: 'noon' },
      },
      { role: 'assistant', text: 'Checking both.' },
    ]);
    expect(next.ignoredParams).toEqual([]);
  });

  it('resolves a reference to an item of another stored response by its id', () => {
    const first = requestOf();
    const response = buildResponse({
      id: 'resp_other',
      createdAt: CREATED_AT,
      model: MODEL,
      events: TEXT_TWO_CALLS_EVENTS,
      request: first,
    });
    const req = parseResponsesRequest(
      {
        model: MODEL,
        input: [
          { type: 'item_reference', id: 'fc_other_2' },
          { role: 'user', content: 'and?' },
        ],
      },
      lookupOf(toStoredResponse(first, response)),
    );
    expect(req.messages).toEqual([
      {
        role: 'assistant',
        text: '',
        toolCalls: [{ id: 'call_b', name: 'get_time', arguments: '{"tz":"CET"}' }],
      },
      { role: 'user', text: 'and?' },
    ]);
  });

  it('does not mutate the stored history it continues', () => {
    const first = requestOf();
    const response = buildResponse({
      id: 'resp_keep',
      createdAt: CREATED_AT,
      model: MODEL,
      events: [{ type: 'text', text: 'ok' }],
      request: first,
    });
    const stored = toStoredResponse(first, response);
    const before = structuredClone(stored.history);
    parseResponsesRequest(
      {
        model: MODEL,
        previous_response_id: 'resp_keep',
        input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }],
      },
      lookupOf(stored),
    );
    expect(stored.history).toEqual(before);
  });

  it('handles tool_choice modes, allowed_tools and hosted choices', () => {
    expect(requestOf({ tool_choice: 'none' }).toolChoice).toEqual({ type: 'none' });
    expect(requestOf({ tool_choice: 'required' }).wireToolChoice).toBe('required');
    const allowed = requestOf({
      tool_choice: { type: 'allowed_tools', mode: 'required', tools: [] },
    });
    expect(allowed.toolChoice).toEqual({ type: 'required' });
    expect(allowed.ignoredParams).toEqual(['tool_choice.tools']);
    const hosted = requestOf({ tool_choice: { type: 'web_search_preview' } });
    expect(hosted.toolChoice).toEqual({ type: 'auto' });
    expect(hosted.ignoredParams).toEqual(['tool_choice (web_search_preview)']);
  });

  it('prefers `user` for affinity and notes parallel_tool_calls: false', () => {
    const req = requestOf({ user: 'u1', prompt_cache_key: 'k', parallel_tool_calls: false });
    expect(req.user).toBe('u1');
    expect(req.parallelToolCalls).toBe(false);
    expect(req.ignoredParams).toEqual(['parallel_tool_calls']);
  });
});
