import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';
import { simQuestions } from './support/sim-questions';

// Responses tool types beyond `function`, through the openai SDK: free-form `custom` tools (the
// model's one string comes back as `custom_tool_call.input`), the client-executed `local_shell`
// (an exec action), and hosted tools, which are not offered and are noted in the request log.

const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';

const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n';

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    { match: 'PATCH-APPLIED', answer: 'The patch is in (rt-custom).' },
    { match: 'rt-custom', answer: call('apply_patch', { input: PATCH }) },
    { match: 'LS-OUTPUT-77', answer: 'The directory holds LS-OUTPUT-77.' },
    { match: 'rt-shell', answer: call('local_shell', { command: ['ls', '-1'], timeout_ms: 5000 }) },
    { match: 'rt-hosted', answer: 'No search needed.' },
  ],
};

const APPLY_PATCH: OpenAI.Responses.CustomTool = {
  type: 'custom',
  name: 'apply_patch',
  description: 'Edits files with a patch.',
  format: { type: 'grammar', syntax: 'lark', definition: 'start: "*** Begin Patch" /(.|\\n)*/' },
};

let h: Harness;
let client: OpenAI;

beforeAll(async () => {
  h = await startHarness({ scenario: SCENARIO });
  client = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Responses: custom, local_shell and hosted tools', () => {
  it('a custom (free-form) tool round trip, streamed', async () => {
    const stream = client.responses.stream({
      model: 'gpt-5',
      input: '[rt-custom] Create hello.txt.',
      tools: [APPLY_PATCH],
    });
    let inputDone = '';
    stream.on('response.custom_tool_call_input.done', (e) => (inputDone = e.input));
    const first = await stream.finalResponse();
    const item = first.output.find((o) => o.type === 'custom_tool_call');
    expect(item).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', input: PATCH });
    expect(inputDone).toBe(PATCH);
    // The grammar reached the model with the tool.
    expect(simQuestions(h, '[rt-custom]')[0] ?? '').toContain('lark grammar');

    const second = await client.responses.create({
      model: 'gpt-5',
      tools: [APPLY_PATCH],
      input: [
        { role: 'user', content: '[rt-custom] Create hello.txt.' },
        {
          type: 'custom_tool_call',
          call_id: item?.call_id ?? '',
          name: 'apply_patch',
          input: PATCH,
        },
        {
          type: 'custom_tool_call_output',
          call_id: item?.call_id ?? '',
          output: 'PATCH-APPLIED: hello.txt',
        },
      ],
    });
    expect(second.output_text).toBe('The patch is in (rt-custom).');
  });

  it('a local_shell round trip: the client runs the exec action', async () => {
    const first = await client.responses.create({
      model: 'gpt-5',
      input: '[rt-shell] What is here?',
      tools: [{ type: 'local_shell' }],
    });
    const item = first.output.find((o) => o.type === 'local_shell_call');
    expect(item).toMatchObject({
      type: 'local_shell_call',
      status: 'completed',
      action: { type: 'exec', command: ['ls', '-1'], env: {}, timeout_ms: 5000 },
    });
    const callId = item?.type === 'local_shell_call' ? item.call_id : '';
    const second = await client.responses.create({
      model: 'gpt-5',
      tools: [{ type: 'local_shell' }],
      previous_response_id: first.id,
      input: [{ type: 'local_shell_call_output', id: callId, output: 'LS-OUTPUT-77\n' }],
    });
    expect(second.output_text).toBe('The directory holds LS-OUTPUT-77.');
  });

  it('hosted tools are not offered and are noted in the log', async () => {
    const { data, response } = await client.responses
      .create({
        model: 'gpt-5',
        input: '[rt-hosted] Anything new?',
        tools: [
          { type: 'web_search' },
          { type: 'file_search', vector_store_ids: ['vs_1'] },
          { type: 'code_interpreter', container: { type: 'auto' } },
          { type: 'image_generation' },
        ],
      })
      .withResponse();
    expect(data.output_text).toBe('No search needed.');
    expect(simQuestions(h, '[rt-hosted]')[0] ?? '').not.toContain('# Tools');
    const id = response.headers.get('x-request-id') ?? '';
    const entry = (await h.core.getLog(id)) as unknown as LogEntry | null;
    expect(entry?.notes?.[0]).toBe(
      'ignored (not supported upstream): tools[0] (web_search), tools[1] (file_search), ' +
        'tools[2] (code_interpreter), tools[3] (image_generation)',
    );
  });
});
