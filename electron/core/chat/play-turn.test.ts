import { describe, expect, it } from 'vitest';
import { toolPrompts, toolStages } from '../tools/chat-seams';
import { silentLogger } from '../util/logger';
import { ChatEngine, type ChatEngineDeps } from './chat-engine';
import {
  chatSettings,
  FakePool,
  finish,
  MapReuse,
  neutral,
  playRequest,
  ScriptedClient,
  text,
  texts as textOf,
} from './testing/fakes';

const TOOLS = [
  {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];
const block = (body: string) => '```tool_call\n' + body + '\n```';
const OSLO = block('{"name": "get_weather", "arguments": {"city": "Oslo"}}');
const BROKEN = block('{"name": "get_weather", "arguments": {}}');

/** Runs one tool request whose two upstream attempts answer `first` then `second`. */
async function retried(first: string, second: string) {
  const answers = [first, second];
  const client = new ScriptedClient(() => {
    const a = answers.shift() ?? '';
    return [text(a), finish(a)];
  });
  const deps: ChatEngineDeps = {
    pool: new FakePool([{ id: 'a', client }]),
    sessions: new MapReuse(),
    prompts: toolPrompts(),
    tools: toolStages,
    logger: silentLogger,
    estimateInput: () => 1,
    estimateText: () => 1,
    settings: () => chatSettings({ sessionReuse: false, maxFailovers: 0, maxCrashReplays: 0 }),
  };
  const { events, record } = await playRequest(new ChatEngine(deps), neutral({ tools: TOOLS }));
  const calls = events.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
  const texts = textOf(events);
  // The request log reads its calls from the record.
  const logged = record.calls.map((c) => c.call);
  return { calls, texts, logged, asked: client.asked.length };
}

describe('playTurn corrective retries', () => {
  it('does not show the client a preamble the retry repeats', async () => {
    const r = await retried(`Checking.\n${BROKEN}`, `Checking.\n${OSLO}`);
    expect(r.asked).toBe(2);
    expect(r.texts).toBe('Checking.');
    expect(r.calls.map((c) => c.arguments)).toEqual(['{"city":"Oslo"}']);
  });

  it('separates new retry text from what was sent', async () => {
    const r = await retried(`Checking.\n${BROKEN}`, `Sorry, fixed:\n${OSLO}`);
    expect(r.texts).toBe('Checking.\n\nSorry, fixed:');
  });

  it('drops a call the retry repeats although it was accepted, and logs what was sent', async () => {
    const r = await retried(
      `${OSLO}\n${BROKEN}`,
      `${OSLO}\n${block('{"name": "get_weather", "arguments": {"city": "Rome"}}')}`,
    );
    expect(r.calls.map((c) => c.arguments)).toEqual(['{"city":"Oslo"}', '{"city":"Rome"}']);
    expect(r.logged).toEqual(r.calls);
  });
});
