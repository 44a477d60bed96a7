import { describe, expect, it } from 'vitest';
import type { PromptRenderer, ToolStage, UpstreamBridge } from '../chat/tool-seams';
import { sequentialIdGenerator } from './ids';
import { toolPrompts } from './chat-seams';
import { request, TOOLS } from './testing/fixtures';
import { createToolCallParser } from './tool-call-parser';
import { createUpstreamBridge } from './upstream-bridge';

// The chat engine codes against these seams; the tools layer must keep fitting them.
const prompts: PromptRenderer = toolPrompts();

describe('engine seams', () => {
  it('runs one corrective retry the way the engine does', () => {
    const req = request({ tools: TOOLS, messages: [{ role: 'user', text: 'Weather in Oslo?' }] });
    const answer = 'Checking.\n```tool_call\n{"name": "get_weather", "arguments": {}}\n```';

    const first: ToolStage = createToolCallParser(req, {
      holdInvalid: true,
      newId: sequentialIdGenerator('call_'),
    });
    const events = [...first.push(answer), ...first.end()];
    // The invalid block is withheld: the retry replaces it.
    expect(events).toEqual([{ type: 'text', text: 'Checking.' }]);
    const correction = first.correction();
    expect(correction).toContain('missing required argument "city"');

    const retryPrompt = prompts.full({
      ...req,
      messages: [
        ...req.messages,
        { role: 'assistant', text: answer },
        { role: 'user', text: correction ?? '' },
      ],
    }).text;
    expect(retryPrompt).toContain('[Assistant]\nChecking.\n```tool_call');
    expect(retryPrompt.endsWith(`# User message\n${correction}`)).toBe(true);

    const last: ToolStage = createToolCallParser(req, { holdInvalid: false });
    const retried = [
      ...last.push('```tool_call\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n```'),
      ...last.end(),
    ];
    expect(retried).toMatchObject([{ type: 'tool_call', call: { name: 'get_weather' } }]);
    expect(last.correction()).toBeNull();
  });

  it('renders follow-ups and bridges through the engine types', () => {
    const req = request({
      messages: [
        { role: 'user', text: 'a' },
        { role: 'assistant', text: 'b' },
        { role: 'user', text: 'c' },
      ],
    });
    expect(prompts.followUp(req, [{ role: 'user', text: 'c' }])).toBe('c');
    const bridge: UpstreamBridge = createUpstreamBridge();
    bridge.observeText('x');
    expect(bridge.end()).toEqual([]);
    expect(bridge.pendingToolUse()).toBe(false);
  });
});
