import { describe, expect, it } from 'vitest';
import { RetryTextFilter } from './retry-text';

/** Feeds `text` split at `cut`, settles, and returns what reached the client. */
function run(previous: string, text: string, cut: number, sentBefore = true): string {
  const f = new RetryTextFilter(previous, sentBefore);
  const out = f.text(text.slice(0, cut)) + f.text(text.slice(cut));
  f.settle();
  return out;
}

describe('RetryTextFilter', () => {
  const previous = 'Let me check the weather.';

  it('drops a repeat of the corrected answer, wherever the deltas split', () => {
    for (let cut = 0; cut <= previous.length; cut += 1) {
      expect(run(previous, previous, cut)).toBe('');
    }
  });

  it('keeps what follows a repeat, after a paragraph break', () => {
    const text = `${previous}\nSorry, fixed it.`;
    for (let cut = 0; cut <= text.length; cut += 1) {
      expect(run(previous, text, cut)).toBe('\n\nSorry, fixed it.');
    }
  });

  it('passes different text through, separated from what was sent', () => {
    expect(run(previous, 'Here is the corrected call.', 4)).toBe('\n\nHere is the corrected call.');
    expect(run('', 'Fresh text.', 3, false)).toBe('Fresh text.');
  });

  it('drops a partial repeat cut short by a call', () => {
    const f = new RetryTextFilter(previous, true);
    expect(f.text('Let me')).toBe('');
    f.settle();
    expect(f.text(' Done.')).toBe('\n\nDone.');
  });
});
