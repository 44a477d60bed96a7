import { describe, expect, it } from 'vitest';
import { InlineReasoningSplitter, type ReasoningPiece } from './inline-reasoning';

function run(deltas: string[]): { text: string; think: string } {
  const s = new InlineReasoningSplitter();
  const pieces: ReasoningPiece[] = [];
  for (const d of deltas) pieces.push(...s.push(d));
  pieces.push(...s.end());
  const join = (k: ReasoningPiece['kind']) =>
    pieces
      .filter((p) => p.kind === k)
      .map((p) => p.text)
      .join('');
  return { text: join('text'), think: join('think') };
}

/** Every way to cut `s` into two and three deltas (the markers land on every split point). */
function partitions(s: string): string[][] {
  const out: string[][] = [[s]];
  for (let i = 0; i <= s.length; i++) {
    out.push([s.slice(0, i), s.slice(i)]);
    for (let j = i; j <= s.length; j += 3) out.push([s.slice(0, i), s.slice(i, j), s.slice(j)]);
  }
  return out;
}

const CASES: Array<[string, string, { text: string; think: string }]> = [
  [
    'PAA fence with the unsubstituted placeholder',
    '\n````think::{THINK_TIME}\nweigh options\nthen pick\n````\nThe answer.',
    { text: 'The answer.', think: 'weigh options\nthen pick' },
  ],
  [
    'fence with the time in ms, at the very start',
    '````think::1834\nquick thought\n````\n\nDone',
    { text: 'Done', think: 'quick thought' },
  ],
  ['tags', '<think>a < b, so</think>\n\nb wins', { text: 'b wins', think: 'a < b, so' }],
  [
    'text before the fence stays text',
    'Intro.\n````think::{THINK_TIME}\nx\n````\nOutro.',
    { text: 'Intro.Outro.', think: 'x' },
  ],
  [
    'unclosed fence at finish: the rest is reasoning',
    '\n````think::{THINK_TIME}\nstill going',
    { text: '', think: 'still going' },
  ],
  [
    'fence closed by the end of the answer',
    '````think::12\nshort\n````',
    { text: '', think: 'short' },
  ],
  ['unclosed tag at finish', '<think>half a thought', { text: '', think: 'half a thought' }],
  [
    'plain code fences and backticks are untouched',
    'Use ```js\nx\n``` and ````md\ny\n```` here',
    { text: 'Use ```js\nx\n``` and ````md\ny\n```` here', think: '' },
  ],
  [
    'a fence opened mid-line is not reasoning',
    'say ````think::1\nno\n````',
    { text: 'say ````think::1\nno\n````', think: '' },
  ],
  [
    'backticks inside the fence that are not a closing line',
    '````think::{THINK_TIME}\nuse ````x```` here\n````\nok',
    { text: 'ok', think: 'use ````x```` here' },
  ],
];

describe('InlineReasoningSplitter', () => {
  for (const [name, input, expected] of CASES) {
    it(`${name}, at every split point`, () => {
      for (const parts of partitions(input))
        expect(run(parts), JSON.stringify(parts)).toEqual(expected);
    });
  }

  it('survives one-character deltas and empty deltas', () => {
    const input = '\n````think::{THINK_TIME}\nabc\n````\n<think>d</think>e';
    const chars = [...input].flatMap((c) => [c, '']);
    expect(run(chars)).toEqual({ text: 'e', think: 'abcd' });
  });

  it('emits text as soon as it cannot be a marker, holding only a possible marker start', () => {
    const s = new InlineReasoningSplitter();
    expect(s.push('Hello wor')).toEqual([{ kind: 'text', text: 'Hello wor' }]);
    expect(s.push('ld\n``')).toEqual([{ kind: 'text', text: 'ld' }]);
    expect(s.push('x')).toEqual([{ kind: 'text', text: '\n``x' }]);
    expect(s.push('<thi')).toEqual([]);
    expect(s.push('nk>deep')).toEqual([{ kind: 'think', text: 'deep' }]);
    expect(s.thinkSoFar).toBe('deep');
  });

  it('splits a whole text at once', () => {
    expect(InlineReasoningSplitter.split('<think>t</think>\nanswer')).toEqual({
      text: 'answer',
      think: 't',
    });
  });
});
