import { describe, expect, it } from 'vitest';
import { AnswerAccumulator } from './answer-deltas';

describe('AnswerAccumulator', () => {
  it('concatenates plain deltas, empty ones included', () => {
    const a = new AnswerAccumulator();
    expect(['pon', '', 'g', ''].map((d) => a.push(d, false)).join('')).toBe('pong');
    expect(a.upstream).toBe('pong');
  });

  it('turns an extending overwrite into its suffix', () => {
    const a = new AnswerAccumulator();
    a.push('Hello', false);
    expect(a.push('Hello, world', true)).toBe(', world');
    expect(a.push('!', false)).toBe('!');
    expect(a.sent).toBe('Hello, world!');
    expect(a.rewrites).toBe(0);
  });

  it('counts a real rewrite and keeps the upstream text for non-stream answers', () => {
    const a = new AnswerAccumulator();
    a.push('Helo', false);
    expect(a.push('Hello there', true)).toBe('o there');
    expect(a.rewrites).toBe(1);
    expect(a.upstream).toBe('Hello there');
    expect(a.sent).toBe('Heloo there');
  });
});
