import { describe, expect, it } from 'vitest';
import { renderFollowUp, renderPrompt } from './prompt';
import { request } from './testing/fixtures';
import { createToolCallParser } from './tool-call-parser';

// Mid-conversation system messages and the response-format block in the rendered question, and
// what the parser does with calls when the engine holds invalid blocks back.

describe('system messages at their position', () => {
  it('a system message after the user message is part of the current request, in order', () => {
    const text = renderPrompt(
      request({
        messages: [
          { role: 'user', text: 'say hello' },
          { role: 'system', text: '# Environment\ncwd: /w' },
        ],
      }),
    );
    expect(text).toBe('# User message\nsay hello\n\n# System message\n# Environment\ncwd: /w');
  });

  it('earlier system messages stay in the history between the turns they came with', () => {
    const text = renderPrompt(
      request({
        messages: [
          { role: 'user', text: 'one' },
          { role: 'system', text: 'Reminder A.' },
          { role: 'assistant', text: 'ok' },
          { role: 'user', text: 'two' },
        ],
      }),
    );
    expect(text).toBe(
      '# Conversation so far\n[User]\none\n\n[System]\nReminder A.\n\n[Assistant]\nok\n\n' +
        '# User message\ntwo',
    );
  });

  it('a follow-up on a reused session carries the new system text too', () => {
    const req = request({
      messages: [
        { role: 'user', text: 'one' },
        { role: 'assistant', text: 'ok' },
        { role: 'user', text: 'two' },
        { role: 'system', text: 'Be brief.' },
      ],
    });
    expect(renderFollowUp(req, { newMessages: req.messages.slice(2) })).toBe(
      '# User message\ntwo\n\n# System message\nBe brief.',
    );
  });
});

describe('the response format block', () => {
  it('comes last, after the user message, in the full question and in a follow-up', () => {
    const req = request({
      messages: [{ role: 'user', text: 'count' }],
      responseFormat: { type: 'json_schema', schema: { type: 'integer' } },
    });
    const text = renderPrompt(req);
    expect(text.startsWith('# User message\ncount\n\n# Response format\n')).toBe(true);
    expect(text.endsWith('JSON Schema: {"type":"integer"}')).toBe(true);
    expect(renderFollowUp(req).startsWith('# User message\ncount\n\n# Response format\n')).toBe(
      true,
    );
  });
});

describe('held invalid blocks', () => {
  it('are withheld and reported, with the texts around them kept apart', () => {
    const parser = createToolCallParser(request(), { holdInvalid: true });
    const events = [
      ...parser.push('Sure.\n```tool_call\n{"name": "x", "arguments": {}}\n```\nDone.'),
      ...parser.end(),
    ];
    expect(events).toEqual([{ type: 'text', text: 'Sure.\n\nDone.' }]);
    expect(parser.withheld()).toEqual([
      expect.objectContaining({
        name: 'x',
        reasons: ['no tools are available in this conversation'],
      }),
    ]);
    expect(parser.correction()).toContain('no tools are available in this conversation');
  });
});
