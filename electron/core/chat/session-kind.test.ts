import { describe, expect, it } from 'vitest';
import { sessionKindOf } from './session-kind';

describe('session kind (issue 16)', () => {
  it('is reply on a reuse hit, replay for an ongoing conversation sent in full, else new', () => {
    const first = { messages: [{ role: 'user' as const, text: 'hi' }] };
    const later = {
      messages: [
        { role: 'user' as const, text: 'hi' },
        { role: 'assistant' as const, text: 'hello' },
        { role: 'user' as const, text: 'more' },
      ],
    };
    expect(sessionKindOf(first, false)).toBe('new');
    expect(sessionKindOf(later, false)).toBe('replay');
    expect(sessionKindOf(later, true)).toBe('reply');
  });
});
