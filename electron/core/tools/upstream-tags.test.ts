import { describe, expect, it } from 'vitest';
import { ToolCallNames } from './upstream-tags';

describe('ToolCallNames', () => {
  const sync = (params: Record<string, unknown>) => ({ method: 'tool/call/sync', params });

  it('names a sync from the tag streamed before it, split anywhere', () => {
    const text = 'Running.\n```toolCall::run_in_terminal::tc-1::INIT\n{"command":"ls"}\n```\n';
    for (let cut = 0; cut <= text.length; cut += 1) {
      const names = new ToolCallNames();
      names.observe(text.slice(0, cut));
      names.observe(text.slice(cut));
      expect(names.named(sync({ toolCallId: 'tc-1', toolCallStatus: 'PENDING' }))).toEqual(
        sync({ toolCallId: 'tc-1', toolCallStatus: 'PENDING', name: 'run_in_terminal' }),
      );
    }
  });

  it('leaves messages that carry a name, or whose id no tag named, untouched', () => {
    const names = new ToolCallNames();
    names.observe('```toolCall::a::tc-1::INIT\n');
    const own = sync({ toolCallId: 'tc-1', name: 'b' });
    const other = sync({ toolCallId: 'tc-2' });
    expect(names.named(own)).toBe(own);
    expect(names.named(other)).toBe(other);
  });
});
