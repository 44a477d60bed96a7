import { describe, expect, it } from 'vitest';
import { ToolCallMarkupFilter } from './markup-filter';

function run(chunks: string[]): string {
  const f = new ToolCallMarkupFilter();
  return chunks.map((c) => f.push(c)).join('') + f.end();
}

const CASES: Array<[string, string]> = [
  ['plain text only', 'plain text only'],
  [
    'Reading.\n```toolCall::read_file::tc1::INIT\n{"filePath":"a.txt"}\n```\nDone.',
    'Reading.\nDone.',
  ],
  ['a\n```toolCall::x::1::INIT\n{}\n```', 'a\n'],
  ['code:\n```ts\nlet a = 1;\n```\nend', 'code:\n```ts\nlet a = 1;\n```\nend'],
  ['two ```toolCall::a::1::INIT\n{}\n```\n and ```toolCall::b::2::INIT\n{}\n```\n!', 'two  and !'],
  ['unfinished ```toolCall::a::1::INIT\n{"x":', 'unfinished '],
  ['backticks ``` but no card', 'backticks ``` but no card'],
];

describe('ToolCallMarkupFilter', () => {
  it.each(CASES)('strips Lingma tool cards from %j', (input, expected) => {
    expect(run([input])).toBe(expected);
  });

  it('gives the same output for every split point and char by char', () => {
    for (const [input, expected] of CASES) {
      for (let i = 0; i <= input.length; i += 1) {
        expect(
          run([input.slice(0, i), input.slice(i)]),
          `${JSON.stringify(input)} split at ${i}`,
        ).toBe(expected);
      }
      expect(run([...input])).toBe(expected);
    }
  });

  it('streams ordinary text without holding it back', () => {
    const f = new ToolCallMarkupFilter();
    expect(f.push('Hello wor')).toBe('Hello wor');
    expect(f.push('ld ``')).toBe('ld ');
    expect(f.push('`js')).toBe('```js');
  });
});
