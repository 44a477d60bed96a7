import { describe, expect, it } from 'vitest';
import { keyHint } from './key-hint';

describe('key hint (issue 16)', () => {
  it('shows lgw- and two characters of one of our keys, never more', () => {
    expect(keyHint('lgw-3fAbCdEfGhIjKlMnOpQrStUvWxYz0123456789')).toBe('lgw-3f…');
  });
  it('shows at most 3 characters and a quarter of anything else', () => {
    expect(keyHint('sk-proj-abcdefghijklmnop')).toBe('sk-…');
    expect(keyHint('abcdefgh')).toBe('ab…');
    expect(keyHint('abc')).toBe('…');
    expect(keyHint('lgw-3f')).toBe('l…');
  });
});
