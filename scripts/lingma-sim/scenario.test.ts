import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Msg } from './test-support/raw-rpc-client.js';
import {
  askParams,
  closeSim,
  loginSim,
  openSim,
  type SimSession,
} from './test-support/sim-fixture.js';
import { writeScenario } from './testing.js';
import { SCENARIO as scenario, TOOL_ANSWER } from './test-support/scenario-fixture.js';

let s: SimSession;
beforeAll(async () => {
  const path = writeScenario(mkdtempSync(join(tmpdir(), 'lingma-sim-')), scenario);
  s = await openSim({ env: { LINGMA_SIM_SCENARIO: path } });
  await loginSim(s.client);
});
afterAll(() => closeSim(s));

async function run(
  question: string,
  extra: Record<string, unknown> = {},
): Promise<{ finish: Msg; requestId: string }> {
  const p = askParams(question, extra);
  s.client.send('chat/ask', p);
  return { finish: await s.client.finish(String(p.requestId)), requestId: String(p.requestId) };
}

describe('scenario rules', () => {
  it('streams a scripted tool_call answer verbatim', async () => {
    const { finish, requestId } = await run('what is the weather in Paris?');
    expect(s.client.answerText(requestId)).toBe(TOOL_ANSWER);
    expect(finish.params).toMatchObject({ statusCode: 200, fullAnswer: TOOL_ANSWER });
  });

  it('uses exact chunks, regex flags and templates', async () => {
    const chunked = await run('ignored line\nEXACT chunks');
    expect(s.client.pushes('chat/answer', chunked.requestId).map((m) => m.params?.text)).toEqual([
      'one ',
      '',
      'two 1',
    ]);
    const t = await run('a template\nlast line', { extra: { modelConfig: { key: 'sim_custom' } } });
    expect(s.client.answerText(t.requestId)).toBe('sim_custom|1|last line');
    const think = s.client
      .pushes('chat/think', t.requestId)
      .map((m) => m.params?.text)
      .join('');
    expect(think).toBe('pondering last line');
  });

  it('serves the scenario model list', async () => {
    const scenes = (await s.client.request('config/queryModels', {})).result as Record<
      string,
      { key: string }[]
    >;
    expect(Object.keys(scenes)).toEqual(['chat', 'assistant']);
    expect(scenes.chat?.[0]).not.toHaveProperty('isDefault');
    expect(scenes.chat?.map((m) => m.key)).toEqual(['auto', 'sim_custom']);
  });

  it('ends with a custom quota finish and no answer', async () => {
    const { finish, requestId } = await run('we are out of quota');
    expect(finish.params).toMatchObject({
      statusCode: 429,
      reason: 'quota exceeded',
      extra: { quotaResetTime: 1_900_000_000_000 },
    });
    expect(s.client.answerText(requestId)).toBe('');
  });
});
