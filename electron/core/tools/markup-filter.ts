/**
 * Removes Lingma's own tool-card markup (```toolCall::<name>::<id>::<status> … ``` fences, which
 * the JetBrains plugin renders as cards) from answer text before it reaches an API client. The
 * bridge reads those tags for names; clients should see the calls as calls, not as raw markup.
 * Streaming: only what could still be the start of such a fence is held back.
 */
const OPEN = '```toolCall::';

/**
 * Longest suffix of `s` that is a proper prefix of `marker`. Such a suffix starts with the
 * marker's first character, so only those positions are tried (usually none: no slicing per
 * delta).
 */
function partialSuffix(s: string, marker: string): number {
  const first = marker.charAt(0);
  let at = s.indexOf(first, Math.max(0, s.length - (marker.length - 1)));
  while (at >= 0) {
    if (marker.startsWith(s.slice(at))) return s.length - at;
    at = s.indexOf(first, at + 1);
  }
  return 0;
}

export class ToolCallMarkupFilter {
  private pending = '';

  push(delta: string): string {
    this.pending += delta;
    let out = '';
    for (;;) {
      const open = this.pending.indexOf(OPEN);
      if (open < 0) {
        const hold = partialSuffix(this.pending, OPEN);
        out += this.pending.slice(0, this.pending.length - hold);
        this.pending = this.pending.slice(this.pending.length - hold);
        return out;
      }
      out += this.pending.slice(0, open);
      const close = this.findClose(open + OPEN.length);
      if (close < 0) {
        this.pending = this.pending.slice(open);
        return out;
      }
      this.pending = this.pending.slice(close);
    }
  }

  /** What is left at the end of the answer; an unfinished card is dropped, not shown. */
  end(): string {
    const rest = this.pending.startsWith(OPEN) ? '' : this.pending;
    this.pending = '';
    return rest;
  }

  /** Index just past the closing fence (and its newline), or -1 while it has not arrived. */
  private findClose(from: number): number {
    const headerEnd = this.pending.indexOf('\n', from);
    if (headerEnd < 0) return -1;
    let at = headerEnd;
    for (;;) {
      const fence = this.pending.indexOf('\n```', at);
      if (fence < 0) return -1;
      const after = fence + 4;
      if (after === this.pending.length) return -1; // might be ````, or a newline may follow
      const next = this.pending[after];
      if (next === '\n') return after + 1;
      if (next !== '`') return after;
      at = after;
    }
  }
}
