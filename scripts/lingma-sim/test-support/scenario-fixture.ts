/** The scenario shared by the scenario-rule and tool-event suites. */
import type { SimScenario } from '../testing.js';

export const TOOL_ANSWER =
  'Let me check.\n```tool_call\n{"name":"get_weather","arguments":{"city":"Paris"}}\n```';

export const SCENARIO: SimScenario = {
  models: {
    chat: [{ key: 'auto' }, { key: 'sim_custom', displayName: 'Custom', isReasoning: true }],
    assistant: [{ key: 'auto' }],
  },
  rules: [
    { match: 'weather', answer: TOOL_ANSWER },
    { match: '^exact\\s+CHUNKS$', regex: true, flags: 'im', chunks: ['one ', '', 'two {{turn}}'] },
    {
      match: 'template',
      answer: '{{model}}|{{turn}}|{{question}}',
      think: 'pondering {{question}}',
      thinkForm: 'think',
    },
    {
      match: 'run a command',
      steps: [
        { say: 'Running it now.' },
        {
          tool: {
            name: 'run_in_terminal',
            toolCallId: 'tc-cmd',
            parameters: { command: 'ls' },
            needsApproval: true,
            results: [{ content: 'a.txt' }],
          },
        },
        { say: 'Done.' },
      ],
    },
    {
      match: 'invoke tools',
      steps: [
        {
          invoke: {
            name: 'read_file',
            toolCallId: 'tc-sync',
            parameters: { filePath: '/tmp/a' },
            async: false,
          },
        },
        { invoke: { name: 'get_problems', toolCallId: 'tc-async' } },
        { say: 'Both tools ran.' },
      ],
    },
    {
      match: 'out of quota',
      finish: {
        statusCode: 429,
        reason: 'quota exceeded',
        extra: { quotaResetTime: 1_900_000_000_000 },
      },
    },
  ],
};
