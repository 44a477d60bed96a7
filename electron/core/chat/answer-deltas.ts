/**
 * Lingma's `chat/answer` deltas may carry `overwrite: true`, replacing everything so far. A client
 * stream cannot take text back, so an overwrite that extends what was already passed on becomes
 * just the new suffix. A real rewrite (not an extension) is counted for the request log; the
 * stream then continues with whatever the rewrite adds beyond the length already sent, while
 * `upstream` keeps Lingma's own final text for non-stream answers.
 */
export class AnswerAccumulator {
  /** Lingma's current answer (after overwrites). */
  upstream = '';
  /** What has been passed on to the client so far. */
  sent = '';
  /** Overwrites that rewrote, rather than extended, already-sent text. */
  rewrites = 0;

  /** Returns the new text to pass on ('' when nothing new). */
  push(delta: string, overwrite: boolean): string {
    if (!overwrite) {
      this.upstream += delta;
      this.sent += delta;
      return delta;
    }
    this.upstream = delta;
    if (delta.startsWith(this.sent)) {
      const suffix = delta.slice(this.sent.length);
      this.sent = delta;
      return suffix;
    }
    this.rewrites += 1;
    const suffix = delta.length > this.sent.length ? delta.slice(this.sent.length) : '';
    this.sent += suffix;
    return suffix;
  }
}
