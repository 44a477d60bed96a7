/**
 * Text of a corrective retry's answer. The client already received the text of the answer being
 * corrected (it streamed before the bad block was found), and a model asked to fix its call
 * usually starts by writing that text again. Passed through, the client would read it twice, glued
 * to the first copy. This filter drops such a repeat and puts a paragraph break between what was
 * sent and genuinely new text. Only a possible repeat is held back, so text still streams.
 */
export class RetryTextFilter {
  private held = '';
  /** The retry's text may still be a repeat of `previous`. */
  private matching: boolean;
  private separated = false;

  /**
   * @param previous the text the corrected answer showed the client.
   * @param sentBefore whether the client has any text from earlier attempts at all.
   */
  constructor(
    private readonly previous: string,
    private readonly sentBefore: boolean,
  ) {
    this.matching = previous !== '';
  }

  /** A text delta of the retry's answer; returns what to send now. */
  text(delta: string): string {
    if (!this.matching) return this.fresh(delta);
    this.held += delta;
    if (this.previous.startsWith(this.held)) {
      if (this.held.length === this.previous.length) this.stopMatching();
      return '';
    }
    const held = this.held;
    this.stopMatching();
    // The whole earlier text again, then more: only the part after the repeat is new.
    return this.fresh(held.startsWith(this.previous) ? held.slice(this.previous.length) : held);
  }

  /**
   * Something other than text comes next (a call, or the end of the answer): text held so far
   * was the start of a repeat and is dropped.
   */
  settle(): void {
    this.stopMatching();
  }

  private stopMatching(): void {
    this.matching = false;
    this.held = '';
  }

  private fresh(text: string): string {
    if (this.separated || !this.sentBefore) return text;
    const t = text.trimStart();
    if (t === '') return '';
    this.separated = true;
    return `\n\n${t}`;
  }
}
