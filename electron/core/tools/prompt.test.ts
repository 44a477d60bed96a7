import { describe, expect, it } from 'vitest';
import type { NeutralMessage } from '../chat/types';
import { renderFollowUp, renderPrompt, renderPromptDetailed } from './prompt';
import { request, SEARCH, TOOLS, WEATHER } from './testing/fixtures';
import { runChunks } from './testing/fixtures';

const toolHistory: NeutralMessage[] = [
  { role: 'user', text: 'Weather in Paris and news?' },
  {
    role: 'assistant',
    text: 'Checking.',
    toolCalls: [
      { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'call_b', name: 'search', arguments: '{"query":"news"}' },
    ],
  },
  { role: 'tool', text: '', toolResult: { callId: 'call_a', content: '18°C, "sunny"' } },
  {
    role: 'tool',
    text: '',
    toolResult: { callId: 'call_b', name: 'search', content: 'timeout', isError: true },
  },
];

describe('renderPrompt', () => {
  it('renders a lone user message as just its text', () => {
    expect(renderPrompt(request({ messages: [{ role: 'user', text: 'What is 2+2?' }] }))).toBe(
      'What is 2+2?',
    );
  });

  it('keeps plain chats free of tool scaffolding when tool_choice is none', () => {
    const req = request({
      tools: TOOLS,
      toolChoice: { type: 'none' },
      messages: [{ role: 'user', text: 'hi' }],
    });
    expect(renderPrompt(req)).toBe('hi');
  });

  it('labels system, history and the current message', () => {
    const text = renderPrompt(
      request({
        system: 'Be brief.',
        messages: [
          { role: 'user', text: 'Hi' },
          { role: 'assistant', text: 'Hello!' },
          { role: 'user', text: 'Tell a joke' },
        ],
      }),
    );
    expect(text).toBe(
      [
        '# System instructions\nBe brief.',
        '# Conversation so far\n[User]\nHi\n\n[Assistant]\nHello!',
        '# User message\nTell a joke',
      ].join('\n\n'),
    );
  });

  it('offers tools with schemas and writes history back in the convention', () => {
    const text = renderPrompt(request({ tools: [WEATHER, SEARCH], messages: toolHistory }));
    expect(text).toContain('# Tools');
    expect(text).toContain('```tool_call\n{"name": "<tool name>", "arguments": { ... }}\n```');
    expect(text).toContain(
      '## get_weather\nCurrent weather for a city.\nParameters:\n- city: string, required\n- unit: "c" | "f"\n- days: integer',
    );
    expect(text).toContain('Call a tool when it helps');
    expect(text).toContain(
      '[Assistant]\nChecking.\n```tool_call\n{"id":"call_a","name":"get_weather","arguments":{"city":"Paris"}}\n```\n```tool_call\n{"id":"call_b","name":"search","arguments":{"query":"news"}}\n```',
    );
    // Anthropic results do not repeat the tool name: it is looked up from the call.
    expect(text).toContain(
      '[Tool result]\n```tool_result\n{"call_id":"call_a","name":"get_weather","content":"18°C, \\"sunny\\""}\n```',
    );
    expect(text).toContain(
      '"call_id":"call_b","name":"search","content":"timeout","is_error":true',
    );
    expect(
      text.endsWith('Continue the task: use them in your reply, or call more tools if needed.'),
    ).toBe(true);
  });

  it('round-trips: the history calls parse back into the same calls', () => {
    const text = renderPrompt(request({ tools: TOOLS, messages: toolHistory }));
    const history = text.slice(text.indexOf('# Conversation so far'));
    const run = runChunks([history]);
    expect(run.summary.calls.map((c) => [c.name, c.arguments])).toEqual([
      ['get_weather', '{"city":"Paris"}'],
      ['search', '{"query":"news"}'],
    ]);
  });

  it('states what tool_choice demands', () => {
    const base = { tools: TOOLS, messages: [{ role: 'user' as const, text: 'go' }] };
    expect(renderPrompt(request({ ...base, toolChoice: { type: 'required' } }))).toContain(
      'In this reply you MUST call at least one tool.',
    );
    const forced = renderPrompt(request({ ...base, toolChoice: { type: 'tool', name: 'search' } }));
    expect(forced).toContain('In this reply you MUST call the tool "search".');
    expect(forced.endsWith('# User message\ngo')).toBe(true);
    const none = renderPrompt(request({ ...base, system: 'S', toolChoice: { type: 'none' } }));
    expect(none).not.toContain('# Tools');
    expect(none).not.toContain('tool_call');
  });

  it('asks to continue after a trailing assistant turn (prefill)', () => {
    const text = renderPrompt(
      request({
        messages: [
          { role: 'user', text: 'Count to 5' },
          { role: 'assistant', text: '1, 2,' },
        ],
      }),
    );
    expect(
      text.endsWith('# Next step\nContinue your last reply from exactly where it stopped.'),
    ).toBe(true);
  });

  it('is deterministic', () => {
    const req = request({ system: 'x', tools: TOOLS, messages: toolHistory });
    expect(renderPrompt(req)).toBe(renderPrompt(structuredClone(req)));
  });
});

describe('truncation', () => {
  const long = (n: number): string => `turn ${n} ` + 'x'.repeat(200);
  const messages: NeutralMessage[] = [];
  for (let i = 0; i < 20; i += 1) {
    messages.push({ role: 'user', text: long(i) });
    messages.push({ role: 'assistant', text: `answer ${i}` });
  }
  messages.push({ role: 'user', text: 'final question' });
  const req = request({ system: 'SYSTEM', tools: [WEATHER], messages });

  it('drops the oldest middle turns, keeping system, tools, first and recent turns', () => {
    const full = renderPromptDetailed(req, { maxChars: 1_000_000 });
    expect(full.omittedMessages).toBe(0);
    const cut = renderPromptDetailed(req, { maxChars: 2_500 });
    expect(cut.text.length).toBeLessThanOrEqual(2_500);
    expect(cut.overBudget).toBe(false);
    expect(cut.omittedMessages).toBeGreaterThan(0);
    expect(cut.text).toContain('# System instructions\nSYSTEM');
    expect(cut.text).toContain('## get_weather');
    expect(cut.text).toContain(long(0));
    expect(cut.text).toContain('answer 19');
    expect(cut.text).not.toContain('answer 0\n');
    expect(cut.text).toContain(
      `[… ${cut.omittedMessages} earlier messages omitted to fit the context limit …]`,
    );
    expect(cut.text.endsWith('# User message\nfinal question')).toBe(true);
    // The first kept turn after the marker is the most recent part of the history.
    const afterMarker = cut.text.slice(cut.text.indexOf('omitted'));
    expect(afterMarker.indexOf('[User]')).toBeGreaterThan(0);
  });

  it('keeps a call together with its results', () => {
    const history: NeutralMessage[] = [{ role: 'user', text: 'start' }];
    for (let i = 0; i < 10; i += 1) {
      history.push({
        role: 'assistant',
        text: '',
        toolCalls: [{ id: `c${i}`, name: 'search', arguments: `{"query":"${'q'.repeat(100)}"}` }],
      });
      history.push({
        role: 'tool',
        text: '',
        toolResult: { callId: `c${i}`, content: 'r'.repeat(100) },
      });
    }
    const text = renderPrompt(request({ tools: [SEARCH], messages: history }), { maxChars: 2_500 });
    const calls = text.match(/"id":"c\d+"/g) ?? [];
    const results = text.match(/"call_id":"c\d+"/g) ?? [];
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.map((c) => c.slice(6))).toEqual(results.map((r) => r.slice(11)));
    expect(text).toContain('"call_id":"c9"');
  });

  it('reports when even the pinned parts exceed the budget', () => {
    const r = renderPromptDetailed(req, { maxChars: 100 });
    expect(r.overBudget).toBe(true);
    expect(r.text).toContain(long(0));
  });
});

describe('follow-up and reuse', () => {
  it('renders only the new user messages', () => {
    const req = request({
      system: 'S',
      messages: [
        { role: 'user', text: 'a' },
        { role: 'assistant', text: 'b' },
        { role: 'user', text: 'c' },
        { role: 'user', text: 'd' },
      ],
    });
    expect(renderFollowUp(req)).toBe('c\n\nd');
    expect(renderFollowUp(req, { newMessages: [{ role: 'user', text: 'z' }] })).toBe('z');
  });

  it('sends tool results in the convention, then the next step', () => {
    const req = request({ tools: TOOLS, messages: toolHistory });
    const fresh = toolHistory.slice(-2);
    const text = renderFollowUp(req, { newMessages: fresh });
    expect(text.startsWith('# Tool results\n```tool_result\n{"call_id":')).toBe(true);
    expect(text).not.toContain('# Tools');
    expect(text).not.toContain('[User]');
    expect(
      text.endsWith('Continue the task: use them in your reply, or call more tools if needed.'),
    ).toBe(true);
  });

  it('says what this reply must do when tool_choice or a format demands it', () => {
    const messages = [...toolHistory, { role: 'user' as const, text: 'and now?' }];
    const forced = renderFollowUp(
      request({ tools: TOOLS, toolChoice: { type: 'tool', name: 'search' }, messages }),
      { newMessages: messages.slice(-1) },
    );
    expect(forced).toBe(
      '# User message\nand now?\n\n# Tool use\nIn this reply you MUST call the tool "search".',
    );
    const none = renderFollowUp(request({ tools: TOOLS, toolChoice: { type: 'none' }, messages }), {
      newMessages: messages.slice(-1),
    });
    expect(none).toContain('do not call any tool');
    const json = renderFollowUp(request({ messages, responseFormat: { type: 'json_object' } }), {
      newMessages: messages.slice(-1),
    });
    expect(json.endsWith('no prose before or after it, no code fence.')).toBe(true);
  });
});
