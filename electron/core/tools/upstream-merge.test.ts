import { describe, expect, it } from 'vitest';
import type { UpstreamToolMessage } from '../lingma/types';
import type { UpstreamToolRecord } from '../logs/types';
import { createUpstreamBridge } from './upstream-bridge';
import { UpstreamToolMerger } from './upstream-merge';
import { bridgedResult, resultText } from './upstream-result';
import { extractToolCallTags, ToolCallTagScanner } from './upstream-tags';

function msg(
  method: string,
  params: Record<string, unknown>,
  at: number,
  direction: 'in' | 'out' = 'in',
): UpstreamToolMessage {
  return { method, params, direction, at };
}

const base = { sessionId: 's1', requestId: 'r1', toolCallId: 'tc1' };
const sync = (
  status: string,
  at: number,
  extra: Record<string, unknown> = {},
): UpstreamToolMessage => msg('tool/call/sync', { ...base, toolCallStatus: status, ...extra }, at);

describe('UpstreamToolMerger', () => {
  it('follows PENDING → RUNNING → FINISHED and emits once with the result', () => {
    const m = new UpstreamToolMerger();
    m.observeText('Reading it.\n```toolCall::read_file::tc1::PENDING\n```\n');
    m.add(sync('PENDING', 10, { parameters: { filePath: 'a.ts' } }));
    expect(m.takeReady()).toEqual([]);
    m.add(sync('RUNNING', 20));
    expect(m.takeReady()).toEqual([]);
    m.add(sync('FINISHED', 30, { results: [{ content: 'line 1' }, { content: 'line 2' }] }));
    expect(m.takeReady()).toEqual([
      {
        id: 'tc1',
        name: 'read_file',
        arguments: '{"filePath":"a.ts"}',
        result: { content: 'line 1\nline 2', isError: false },
      },
    ]);
    expect(m.takeReady()).toEqual([]);
    expect(m.flush()).toEqual([]);
    expect(m.pendingToolUse()).toBe(false);
    const [t] = m.timeline('r1');
    expect(t?.status).toBe('FINISHED');
    expect(t?.steps).toEqual([
      { at: 10, method: 'tool/call/sync', direction: 'in', status: 'PENDING' },
      { at: 20, method: 'tool/call/sync', direction: 'in', status: 'RUNNING' },
      { at: 30, method: 'tool/call/sync', direction: 'in', status: 'FINISHED' },
    ]);
    // The timeline is what the request log stores.
    const record: UpstreamToolRecord | undefined = t;
    expect(record?.parameters).toEqual({ filePath: 'a.ts' });
  });

  it('counts repeated syncs instead of repeating them, and never moves status back', () => {
    const m = new UpstreamToolMerger();
    m.add(sync('RUNNING', 1, { timestamp: 1 }));
    const again = m.add(sync('RUNNING', 2, { timestamp: 2 }));
    expect(again).toMatchObject({ routed: true, duplicate: true });
    m.add(sync('FINISHED', 3));
    m.add(sync('PENDING', 4));
    m.add(sync('FINISHED', 5));
    const [t] = m.timeline();
    expect(t?.duplicates).toBe(2);
    expect(t?.steps.map((s) => s.status)).toEqual(['RUNNING', 'FINISHED', 'PENDING']);
    expect(t?.status).toBe('FINISHED');
    expect(t?.lastAt).toBe(5);
  });

  it('takes the name and parameters from tool/invoke and the result from an async invokeResult', () => {
    const m = new UpstreamToolMerger();
    m.add(
      msg(
        'tool/invoke',
        { ...base, name: 'run_in_terminal', parameters: { command: 'ls' }, async: true },
        1,
      ),
    );
    expect(m.takeReady()).toEqual([]);
    m.add(
      msg(
        'tool/invokeResult',
        {
          toolCallId: 'tc1',
          name: 'run_in_terminal',
          success: false,
          errorMessage: 'not an IDE',
          result: {},
        },
        2,
        'out',
      ),
    );
    expect(m.takeReady()).toEqual([
      {
        id: 'tc1',
        name: 'run_in_terminal',
        arguments: '{"command":"ls"}',
        result: { content: 'not an IDE', isError: true },
      },
    ]);
    const [t] = m.timeline();
    expect(t?.async).toBe(true);
    expect(t?.steps.map((s) => [s.method, s.direction, s.success])).toEqual([
      ['tool/invoke', 'in', undefined],
      ['tool/invokeResult', 'out', false],
    ]);
  });

  it('merges a synchronous tool/invoke with the syncs that follow it', () => {
    const m = new UpstreamToolMerger();
    const invoke = { ...base, name: 'read_file', parameters: { filePath: 'b.ts' }, async: false };
    m.add(msg('tool/invoke', invoke, 1));
    m.add(msg('tool/invoke', invoke, 2));
    m.add(sync('RUNNING', 3));
    expect(m.takeReady()).toEqual([]);
    m.add(sync('FINISHED', 4, { results: [{ content: 'export {}' }] }));
    expect(m.takeReady()).toEqual([
      {
        id: 'tc1',
        name: 'read_file',
        arguments: '{"filePath":"b.ts"}',
        result: { content: 'export {}', isError: false },
      },
    ]);
    const [t] = m.timeline();
    expect(t).toMatchObject({ async: false, duplicates: 1, firstAt: 1, lastAt: 4 });
    expect(t?.steps.map((s) => s.method)).toEqual([
      'tool/invoke',
      'tool/call/sync',
      'tool/call/sync',
    ]);
  });

  it('routes messages without requestId by the toolCallId map (predecessor case)', () => {
    const m = new UpstreamToolMerger();
    m.add(
      msg(
        'tool/invoke',
        { requestId: 'req-1', toolCallId: 'call-1', name: 'lookup', parameters: { q: 'a' } },
        1,
      ),
    );
    const outcome = m.add(
      msg('tool/invokeResult', { toolCallId: 'call-1', result: { ok: true } }, 2),
    );
    expect(outcome).toMatchObject({ routed: true, requestId: 'req-1', toolCallId: 'call-1' });
    expect(m.takeReady('req-1')).toEqual([
      {
        id: 'call-1',
        name: 'lookup',
        arguments: '{"q":"a"}',
        result: { content: '{"ok":true}', isError: false },
      },
    ]);
    expect(m.takeReady('other')).toEqual([]);
  });

  it('drops what it cannot route unless a default request is set', () => {
    const m = new UpstreamToolMerger();
    expect(m.add(msg('tool/invoke', { name: 'lookup', parameters: { q: 'x' } }, 1))).toEqual({
      routed: false,
      reason: 'no toolCallId',
    });
    expect(
      m.add(msg('tool/call/sync', { toolCallId: 'zz', toolCallStatus: 'RUNNING' }, 2)),
    ).toMatchObject({
      routed: false,
    });
    expect(m.timeline()).toEqual([]);
    expect(m.unroutable()).toHaveLength(2);
    const d = new UpstreamToolMerger({ defaultRequestId: 'turn' });
    expect(
      d.add(msg('tool/call/sync', { toolCallId: 'zz', toolCallStatus: 'RUNNING' }, 2)),
    ).toMatchObject({
      routed: true,
      requestId: 'turn',
    });
  });

  it('turns a rejected approval into a cancelled call with an error result', () => {
    const m = new UpstreamToolMerger();
    m.add(
      msg(
        'tool/invoke',
        { ...base, name: 'run_in_terminal', parameters: { command: 'rm -rf /' } },
        1,
      ),
    );
    m.add(sync('PENDING', 2));
    m.add(msg('tool/call/approve', { ...base, approval: false }, 3, 'out'));
    const [call] = m.takeReady();
    expect(call?.result).toEqual({
      content: 'the tool call was rejected (approval denied)',
      isError: true,
    });
    const [t] = m.timeline();
    expect(t?.status).toBe('CANCELLED');
    expect(t?.steps[2]).toEqual({
      at: 3,
      method: 'tool/call/approve',
      direction: 'out',
      approval: false,
    });
    // A later ERROR sync is recorded, but the call is not emitted again.
    m.add(sync('ERROR', 4, { errorMsg: 'denied' }));
    expect(m.takeReady()).toEqual([]);
    expect(m.timeline()[0]?.status).toBe('CANCELLED');
  });

  it('reports ERROR with the upstream message', () => {
    const m = new UpstreamToolMerger();
    m.add(msg('tool/invoke', { ...base, name: 'read_file', parameters: {} }, 1));
    m.add(sync('ERROR', 2, { errorCode: 404, errorMsg: 'no such file' }));
    expect(m.takeReady()[0]?.result).toEqual({ content: 'no such file', isError: true });
  });

  it('waits for a name from the answer text, and flushes the rest at the end', () => {
    const m = new UpstreamToolMerger({ defaultRequestId: '' });
    m.add(
      sync('FINISHED', 1, { parameters: { path: 'x' }, results: [{ path: 'x', fileId: 'f' }] }),
    );
    expect(m.takeReady()).toEqual([]);
    m.add(
      msg('tool/call/sync', { requestId: 'r1', toolCallId: 'tc2', toolCallStatus: 'RUNNING' }, 2),
    );
    m.observeText('```toolCall::edit_file::tc1::FINI');
    expect(m.takeReady()).toEqual([]);
    m.observeText('SHED```');
    m.endText();
    const [first] = m.takeReady();
    expect(first).toMatchObject({ id: 'tc1', name: 'edit_file' });
    expect(first?.result?.content).toBe('[{"path":"x","fileId":"f"}]');
    const rest = m.flush();
    expect(rest).toEqual([{ id: 'tc2', name: 'lingma_tool', arguments: '{}' }]);
    expect(m.pendingToolUse()).toBe(true);
    m.forget('r1');
    expect(m.timeline()).toEqual([]);
  });
});

describe('createUpstreamBridge', () => {
  it('hands out each call once over a whole turn', () => {
    const bridge = createUpstreamBridge();
    bridge.observeText('```toolCall::get_problems::t9::INIT\n');
    expect(
      bridge.add(msg('tool/call/sync', { toolCallId: 't9', toolCallStatus: 'RUNNING' }, 1)),
    ).toEqual([]);
    expect(
      bridge.add(msg('tool/call/sync', { toolCallId: 't9', toolCallStatus: 'FINISHED' }, 2)),
    ).toEqual([
      { id: 't9', name: 'get_problems', arguments: '{}', result: { content: '', isError: false } },
    ]);
    expect(bridge.end()).toEqual([]);
    expect(bridge.pendingToolUse()).toBe(false);
    expect(bridge.timeline()[0]?.steps).toHaveLength(2);
  });
});

describe('answer-text tags', () => {
  it('extracts name, id and status', () => {
    expect(
      extractToolCallTags('a\n```toolCall::read_file::id-1::RUNNING\n```\n```toolCall::x::y```'),
    ).toEqual([
      { name: 'read_file', toolCallId: 'id-1', status: 'RUNNING' },
      { name: 'x', toolCallId: 'y' },
    ]);
    expect(extractToolCallTags('```toolCall::only-name\n')).toEqual([]);
  });

  it('only reads complete lines while streaming', () => {
    const s = new ToolCallTagScanner();
    expect(s.push('```toolCall::read_fi')).toEqual([]);
    expect(s.push('le::abc::RUN')).toEqual([]);
    expect(s.push('NING\nmore')).toEqual([
      { name: 'read_file', toolCallId: 'abc', status: 'RUNNING' },
    ]);
    expect(s.end()).toEqual([]);
  });
});

describe('results', () => {
  it('joins [{content}] and stringifies anything else', () => {
    expect(resultText([{ content: 'a' }, 'b'])).toBe('a\nb');
    expect(resultText({ hits: 3 })).toBe('{"hits":3}');
    expect(bridgedResult({ status: 'RUNNING' })).toBeUndefined();
    expect(bridgedResult({ status: 'CANCELLED' })).toEqual({
      content: 'the tool call was cancelled',
      isError: true,
    });
  });
});
