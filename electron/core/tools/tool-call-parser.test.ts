import { describe, expect, it } from 'vitest';
import { newParser, runChunks, splits, WEATHER, type ParserSetup } from './testing/fixtures';
import { createToolCallParser } from './tool-call-parser';

const FENCE = '```';
const call = (json: string, tag = 'tool_call'): string => `${FENCE}${tag}\n${json}\n${FENCE}`;
const PARIS = '{"name": "get_weather", "arguments": {"city": "Paris"}}';

interface Fixture {
  name: string;
  answer: string;
  setup?: ParserSetup;
  /** Expected text (all text events joined) and calls as [name, arguments]. */
  text: string;
  calls: [string, string][];
  invalid?: number;
}

const fixtures: Fixture[] = [
  {
    name: 'a well-formed call after text',
    answer: `Let me check.\n\n${call(PARIS)}\n`,
    text: 'Let me check.',
    calls: [['get_weather', '{"city":"Paris"}']],
  },
  {
    name: 'the json tag after tool_call',
    answer: `${FENCE}tool_call json\n${PARIS}\n${FENCE}`,
    text: '',
    calls: [['get_weather', '{"city":"Paris"}']],
  },
  {
    name: 'generous whitespace and CRLF',
    answer: `${FENCE}  tool_call  \r\n\r\n  {\r\n "name" : "get_weather" ,\r\n "arguments": {"city":"Oslo"}\r\n}\r\n\r\n   ${FENCE}  \r\n`,
    text: '',
    calls: [['get_weather', '{"city":"Oslo"}']],
  },
  {
    name: 'a trailing comma repaired',
    answer: call('{"name": "get_weather", "arguments": {"city": "Paris", "unit": "c",},}'),
    text: '',
    calls: [['get_weather', '{"city":"Paris","unit":"c"}']],
  },
  {
    name: 'malformed JSON stays text and is reported',
    answer: `Trying:\n${call('{"name": "get_weather", "arguments": {"city": "Paris"}')}\nok`,
    text: `Trying:\n${call('{"name": "get_weather", "arguments": {"city": "Paris"}')}\nok`,
    calls: [],
    invalid: 1,
  },
  {
    name: 'an unknown tool stays text and is reported',
    answer: call('{"name": "launch_rocket", "arguments": {}}'),
    text: call('{"name": "launch_rocket", "arguments": {}}'),
    calls: [],
    invalid: 1,
  },
  {
    name: 'several parallel calls with text around them',
    answer: `I'll do both.\n${call(PARIS)}\n\n${call('{"name":"search","arguments":{"query":"rain"}}')}\nWaiting for results.`,
    text: "I'll do both.Waiting for results.",
    calls: [
      ['get_weather', '{"city":"Paris"}'],
      ['search', '{"query":"rain"}'],
    ],
  },
  {
    name: 'ordinary code blocks and inline code pass through unchanged',
    answer:
      "Use `x` or ``y``:\n```python\nprint('```tool')\n```\n````md\n```\n````\n```\nplain\n```\nend ```",
    text: "Use `x` or ``y``:\n```python\nprint('```tool')\n```\n````md\n```\n````\n```\nplain\n```\nend ```",
    calls: [],
  },
  {
    name: 'a near miss tag is text',
    answer: '```tool_calls\n{}\n```\n````tool_call\n{}\n````',
    text: '```tool_calls\n{}\n```\n````tool_call\n{}\n````',
    calls: [],
  },
  {
    name: 'backticks inside JSON strings do not close the block',
    answer: call(
      '{"name":"write_file","arguments":{"path":"README.md","content":"# T\\n```sh\\nnpm i\\n```\\n"}}',
    ),
    text: '',
    calls: [['write_file', '{"path":"README.md","content":"# T\\n```sh\\nnpm i\\n```\\n"}']],
  },
  {
    name: 'the body on the header line and the fence right after the JSON',
    answer: `Sure: ${FENCE}tool_call {"name":"get_weather","arguments":{"city":"Rome"}}${FENCE} done`,
    text: 'Sure:done',
    calls: [['get_weather', '{"city":"Rome"}']],
  },
  {
    name: 'a case-insensitive name comes out canonical; string arguments are read',
    answer: call('{"name": "GET_WEATHER", "arguments": "{\\"city\\": \\"Lima\\"}"}'),
    text: '',
    calls: [['get_weather', '{"city":"Lima"}']],
  },
  {
    name: 'an unclosed block that parses completely is a call',
    answer: `One moment.\n${FENCE}tool_call\n${PARIS}\n`,
    text: 'One moment.',
    calls: [['get_weather', '{"city":"Paris"}']],
  },
  {
    name: 'an unclosed broken block is text and reported',
    answer: `${FENCE}tool_call\n{"name": "get_weather", "argu`,
    text: `${FENCE}tool_call\n{"name": "get_weather", "argu`,
    calls: [],
    invalid: 1,
  },
  {
    name: 'a broken string does not swallow the rest of the answer',
    answer: `${FENCE}tool_call\n{"name": "get_weather", "arguments": {"city": "Par}}\n${FENCE}\nAfter.\n${call(PARIS)}`,
    text: `${FENCE}tool_call\n{"name": "get_weather", "arguments": {"city": "Par}}\n${FENCE}\nAfter.`,
    calls: [['get_weather', '{"city":"Paris"}']],
    invalid: 1,
  },
  {
    name: 'a missing required argument is invalid',
    answer: call('{"name": "get_weather", "arguments": {"unit": "k"}}'),
    text: call('{"name": "get_weather", "arguments": {"unit": "k"}}'),
    calls: [],
    invalid: 1,
  },
  {
    // The tools were not offered: the call is to a tool the client did not offer (item 3).
    name: 'tool_choice none: a call block is invalid, never a call',
    answer: `a ${call(PARIS)} b`,
    setup: { choice: { type: 'none' } },
    text: `a ${call(PARIS)} b`,
    calls: [],
    invalid: 1,
  },
  {
    name: 'no tools at all: a call block is invalid, never a call',
    answer: `a ${call(PARIS)} b`,
    setup: { tools: [] },
    text: `a ${call(PARIS)} b`,
    calls: [],
    invalid: 1,
  },
  {
    name: 'a forced tool: bare arguments object',
    answer: '  {"city": "Paris", "unit": "f"}\n',
    setup: { choice: { type: 'tool', name: 'get_weather' } },
    text: '',
    calls: [['get_weather', '{"city":"Paris","unit":"f"}']],
  },
  {
    name: 'a forced tool: fenced {name, arguments}',
    answer: '```json\n{"name": "get_weather", "arguments": {"city": "Kyiv"}}\n```',
    setup: { choice: { type: 'tool', name: 'get_weather' } },
    text: '',
    calls: [['get_weather', '{"city":"Kyiv"}']],
  },
  {
    name: 'a forced tool: prose is text (and needs a correction)',
    answer: '{Not JSON} at all',
    setup: { choice: { type: 'tool', name: 'get_weather' } },
    text: '{Not JSON} at all',
    calls: [],
  },
  {
    name: 'a forced tool: a block for another tool is invalid',
    answer: call('{"name": "search", "arguments": {"query": "x"}}'),
    setup: { choice: { type: 'tool', name: 'get_weather' } },
    text: call('{"name": "search", "arguments": {"query": "x"}}'),
    calls: [],
    invalid: 1,
  },
  {
    name: 'a forced tool: bare JSON missing a required argument is invalid',
    answer: '{"unit": "c"}',
    setup: { choice: { type: 'tool', name: 'get_weather' } },
    text: '{"unit": "c"}',
    calls: [],
    invalid: 1,
  },
  {
    name: 'holdInvalid withholds the invalid block but keeps valid calls',
    answer: `Hi.\n${call('{"name": "nope", "arguments": {}}')}\n${call(PARIS)}\nBye.`,
    setup: { holdInvalid: true },
    text: 'Hi.Bye.',
    calls: [['get_weather', '{"city":"Paris"}']],
    invalid: 1,
  },
  {
    name: 'plain text keeps every character, trailing whitespace included',
    answer: 'Hello,  world!\n\n  Second line.\n\n',
    text: 'Hello,  world!\n\n  Second line.\n\n',
    calls: [],
  },
];

describe('ToolCallParser fixtures', () => {
  for (const f of fixtures) {
    it(f.name, () => {
      const { events, summary } = runChunks([f.answer], f.setup);
      const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
      const calls = events.flatMap((e) =>
        e.type === 'tool_call' ? [[e.call.name, e.call.arguments]] : [],
      );
      expect(text).toBe(f.text);
      expect(calls).toEqual(f.calls);
      expect(summary.text).toBe(f.text);
      expect(summary.calls.map((c) => [c.name, c.arguments])).toEqual(f.calls);
      expect(summary.invalid).toHaveLength(f.invalid ?? 0);
    });

    it(`${f.name} — same output at every split and char by char`, () => {
      const oneShot = runChunks([f.answer], f.setup);
      for (const chunks of splits(f.answer)) {
        const run = runChunks(chunks, f.setup);
        expect(run.events, JSON.stringify(chunks)).toEqual(oneShot.events);
        expect(run.summary).toEqual(oneShot.summary);
      }
    });
  }
});

describe('ToolCallParser streaming behaviour', () => {
  it('streams text at once and holds only a possible block start', () => {
    const p = newParser();
    expect(p.push('Hello ')).toEqual([{ type: 'text', text: 'Hello' }]);
    expect(p.push('world`')).toEqual([{ type: 'text', text: ' world' }]);
    expect(p.push('`')).toEqual([]);
    expect(p.push('`tool_c')).toEqual([]);
    expect(p.push('all\n{"name":"get_weather",')).toEqual([]);
    const out = p.push('"arguments":{"city":"X"}}\n```');
    expect(out).toEqual([
      { type: 'tool_call', call: { id: 'call_1', name: 'get_weather', arguments: '{"city":"X"}' } },
    ]);
  });

  it('releases an ordinary fence as soon as its tag differs', () => {
    const p = newParser();
    expect(p.push('```')).toEqual([]);
    expect(p.push('py')).toEqual([{ type: 'text', text: '```py' }]);
  });

  it('reports invalid blocks with reasons and builds corrections', () => {
    const run = runChunks([call('{"name": "get_weather", "arguments": {"days": "2"}}')]);
    expect(run.summary.invalid[0]).toMatchObject({
      name: 'get_weather',
      source: 'block',
      reasons: ['missing required argument "city"', 'argument "days" must be integer, got string'],
    });
    expect(run.correction).toContain('missing required argument "city"');
    expect(run.correction).toContain('"get_weather" (JSON Schema)');
  });

  it('an unclosed broken block is reported as unclosed', () => {
    const run = runChunks([`${FENCE}tool_call\n{"name": "search"`]);
    expect(run.summary.invalid[0]?.source).toBe('unclosed');
    expect(run.summary.invalid[0]?.name).toBe('search');
    expect(run.summary.invalid[0]?.reasons[0]).toMatch(/not closed/);
  });

  it('demands a call under required / a forced tool when none came', () => {
    const required = runChunks(['No tools needed.'], { choice: { type: 'required' } });
    expect(required.correction).toMatch(/must call at least one/);
    const forced = runChunks(['Sure.'], { choice: { type: 'tool', name: 'get_weather' } });
    expect(forced.correction).toMatch(/must call it/);
    expect(forced.correction).toContain('"name": "get_weather"');
    expect(runChunks(['Fine.']).correction).toBeNull();
  });

  it('marks the forced-tool fallback', () => {
    const run = runChunks(['{"city": "Paris"}'], { choice: { type: 'tool', name: 'GET_weather' } });
    expect(run.summary.usedFallback).toBe(true);
    expect(run.correction).toBeNull();
  });

  it('holds a forced answer that starts like JSON until the end', () => {
    const p = newParser({ choice: { type: 'tool', name: WEATHER.name } });
    expect(p.push('{"city": ')).toEqual([]);
    expect(p.push('"Paris"}')).toEqual([]);
    expect(p.end()).toMatchObject([{ type: 'tool_call', call: { name: 'get_weather' } }]);
  });

  it('does nothing after end()', () => {
    const p = newParser();
    p.push('a');
    p.end();
    expect(p.push('b')).toEqual([]);
    expect(p.end()).toEqual([]);
  });

  it('uses the protocol prefix for ids by default', () => {
    const p = createToolCallParser({
      protocol: 'anthropic',
      tools: [WEATHER],
      toolChoice: { type: 'auto' },
    });
    const [event] = [...p.push(call(PARIS)), ...p.end()];
    expect(event?.type === 'tool_call' && event.call.id).toMatch(/^toolu_[0-9A-Za-z]{24}$/);
  });
});
