import { describe, expect, it } from 'vitest';
import { buildResponse } from './build-response';
import { parseResponsesRequest } from './parse-request';
import { ResponsesStore, toStoredResponse } from './store';
import {
  CREATED_AT,
  MODEL,
  requestOf,
  TEXT_EVENTS,
  TEXT_TWO_CALLS_EVENTS,
} from './testing/fixtures';
import type { StoredResponse } from './types';

function stored(id: string, text = 'hi'): StoredResponse {
  const request = requestOf({ input: text });
  return toStoredResponse(
    request,
    buildResponse({ id, createdAt: CREATED_AT, model: MODEL, events: TEXT_EVENTS, request }),
  );
}

describe('ResponsesStore', () => {
  it('keeps the response object and the conversation including its output', () => {
    const store = new ResponsesStore();
    const request = requestOf({ input: 'Weather?' });
    const response = buildResponse({
      id: 'resp_a',
      createdAt: CREATED_AT,
      model: MODEL,
      events: TEXT_TWO_CALLS_EVENTS,
      request,
    });
    expect(store.save(request, response)).toBe(true);
    const entry = store.get('resp_a');
    expect(entry?.response).toEqual(response);
    expect(entry?.history).toEqual([
      { role: 'user', text: 'Weather?' },
      {
        role: 'assistant',
        text: 'Checking both.',
        toolCalls: [
          { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_b', name: 'get_time', arguments: '{"tz":"CET"}' },
        ],
      },
    ]);
    // Copied in: later changes by the caller do not leak into the store.
    response.output.length = 0;
    expect(store.get('resp_a')?.response.output).toHaveLength(3);
  });

  it('does not store a request that opted out', () => {
    const store = new ResponsesStore();
    const request = requestOf({ store: false });
    const response = buildResponse({
      id: 'resp_b',
      createdAt: CREATED_AT,
      model: MODEL,
      events: TEXT_EVENTS,
      request,
    });
    expect(store.save(request, response)).toBe(false);
    expect(store.get('resp_b')).toBeUndefined();
  });

  it('chains turns through previous_response_id', () => {
    const store = new ResponsesStore();
    const first = parseResponsesRequest({ model: MODEL, input: 'one' }, store);
    store.save(
      first,
      buildResponse({
        id: 'resp_1',
        createdAt: 1,
        model: MODEL,
        events: TEXT_EVENTS,
        request: first,
      }),
    );
    const second = parseResponsesRequest(
      { model: MODEL, input: 'two', previous_response_id: 'resp_1' },
      store,
    );
    expect(second.messages).toEqual([
      { role: 'user', text: 'one' },
      { role: 'assistant', text: 'Hello!' },
      { role: 'user', text: 'two' },
    ]);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const store = new ResponsesStore({ maxEntries: 2 });
    store.put(stored('resp_1'));
    store.put(stored('resp_2'));
    store.get('resp_1');
    store.put(stored('resp_3'));
    expect(store.get('resp_2')).toBeUndefined();
    expect(store.get('resp_1')).toBeDefined();
    expect(store.get('resp_3')).toBeDefined();
    expect(store.size).toBe(2);
  });

  it('keeps within the size budget and refuses an entry larger than all of it', () => {
    const one = JSON.stringify(stored('resp_1', 'x'.repeat(1000))).length;
    const store = new ResponsesStore({ maxBytes: one * 2 + 10 });
    for (const id of ['resp_1', 'resp_2', 'resp_3']) store.put(stored(id, 'x'.repeat(1000)));
    expect(store.size).toBe(2);
    expect(store.totalBytes).toBeLessThanOrEqual(one * 2 + 10);
    expect(store.get('resp_1')).toBeUndefined();
    expect(store.put(stored('resp_big', 'x'.repeat(one * 3)))).toBe(false);
    expect(store.size).toBe(2);
  });

  it('expires entries after the TTL on the injected clock', () => {
    let now = 0;
    const store = new ResponsesStore({ ttlMs: 1000, now: () => now });
    store.put(stored('resp_1'));
    now = 999;
    expect(store.lookupPrevious('resp_1')).toBeDefined();
    now = 1000;
    expect(store.lookupPrevious('resp_1')).toBeUndefined();
    expect(store.size).toBe(0);
    expect(store.totalBytes).toBe(0);
  });

  it('deletes by id', () => {
    const store = new ResponsesStore();
    store.put(stored('resp_1'));
    expect(store.delete('resp_1')).toBe(true);
    expect(store.delete('resp_1')).toBe(false);
    expect(store.get('resp_1')).toBeUndefined();
    expect(store.totalBytes).toBe(0);
  });
});
