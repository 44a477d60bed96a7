/**
 * Splits reasoning out of `chat/answer` text (§8.2 "Reasoning inside chat/answer"). Two in-band
 * forms exist: a four-backtick fence whose info string is `think::` plus the thinking time in ms
 * or the literal `{THINK_TIME}` (PAA live on QoderCN, H there; CLAW's plugin pattern, M), and
 * `<think>…</think>` (CLAW, M). Which one Lingma streams is unknown (L), so both are handled —
 * markers split across deltas, and a fence still open when the turn finishes (its rest is
 * reasoning). Pure and incremental: feed deltas, get text and reasoning pieces back in order.
 */

export interface ReasoningPiece {
  kind: 'text' | 'think';
  text: string;
}

/** PAA's start marker is newline + fence + `think::`; at the very start the newline is absent. */
const FENCE_OPEN = '\n````think::';
const FENCE_OPEN_AT_START = '````think::';
/** Closed by newline + fence + newline (or the end of the answer). */
const FENCE_CLOSE = '\n````\n';
const FENCE_CLOSE_AT_END = '\n````';
const TAG_OPEN = '<think>';
const TAG_CLOSE = '</think>';

type Mode = 'text' | 'fence-info' | 'fence' | 'tag';

/** Length of the longest suffix of `s` that is a proper prefix of one of `markers`. */
function heldSuffix(s: string, markers: readonly string[]): number {
  let best = 0;
  for (const m of markers) {
    for (let n = Math.min(m.length - 1, s.length); n > best; n--) {
      if (s.endsWith(m.slice(0, n))) {
        best = n;
        break;
      }
    }
  }
  return best;
}

export class InlineReasoningSplitter {
  private mode: Mode = 'text';
  private buf = '';
  /** Nothing visible has been produced yet: a fence may open without the leading newline. */
  private atStart = true;
  /** After `</think>` or a closed fence, the newlines that separate it from the answer go. */
  private trimNewlines = false;
  /** Nothing of the fence body has been emitted yet. */
  private fenceFresh = false;
  private out: ReasoningPiece[] = [];

  /** Everything reasoning so far, across deltas (for overwrite handling). */
  thinkSoFar = '';

  push(delta: string): ReasoningPiece[] {
    this.buf += delta;
    this.drain(false);
    return this.take();
  }

  /** The turn is over: an open fence or tag keeps its rest as reasoning; held text is text. */
  end(): ReasoningPiece[] {
    this.drain(true);
    if (this.mode === 'text') this.emitText(this.buf);
    else if (this.mode !== 'fence-info') this.emitThink(this.buf);
    this.buf = '';
    return this.take();
  }

  /** Splits a whole text at once (a finish's `fullAnswer`, an overwrite). */
  static split(text: string): { text: string; think: string } {
    const s = new InlineReasoningSplitter();
    const pieces = [...s.push(text), ...s.end()];
    const join = (kind: ReasoningPiece['kind']): string =>
      pieces
        .filter((p) => p.kind === kind)
        .map((p) => p.text)
        .join('');
    return { text: join('text'), think: join('think') };
  }

  private take(): ReasoningPiece[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private drain(final: boolean): void {
    for (;;) {
      const before = this.mode;
      if (this.mode === 'text') this.scanText(final);
      else if (this.mode === 'fence-info') this.scanInfo();
      else if (this.mode === 'fence') this.scanFence(final);
      else this.scanTag(final);
      if (this.mode === before) return;
    }
  }

  private scanText(final: boolean): void {
    if (this.atStart && this.buf.startsWith(FENCE_OPEN_AT_START)) {
      this.buf = this.buf.slice(FENCE_OPEN_AT_START.length);
      this.mode = 'fence-info';
      return;
    }
    const fence = this.buf.indexOf(FENCE_OPEN);
    const tag = this.buf.indexOf(TAG_OPEN);
    const at = fence < 0 ? tag : tag < 0 ? fence : Math.min(fence, tag);
    if (at >= 0) {
      this.emitText(this.buf.slice(0, at));
      const isFence = at === fence;
      this.buf = this.buf.slice(at + (isFence ? FENCE_OPEN.length : TAG_OPEN.length));
      this.mode = isFence ? 'fence-info' : 'tag';
      return;
    }
    if (final) return;
    const markers = this.atStart
      ? [FENCE_OPEN, TAG_OPEN, FENCE_OPEN_AT_START]
      : [FENCE_OPEN, TAG_OPEN];
    const hold = heldSuffix(this.buf, markers);
    this.emitText(this.buf.slice(0, this.buf.length - hold));
    this.buf = this.buf.slice(this.buf.length - hold);
  }

  /** The info string (`{THINK_TIME}` or ms) runs to the end of the line; it is not reasoning. */
  private scanInfo(): void {
    const nl = this.buf.indexOf('\n');
    if (nl < 0) return;
    this.buf = this.buf.slice(nl + 1);
    this.mode = 'fence';
    this.fenceFresh = true;
  }

  private scanFence(final: boolean): void {
    // At the start of the body the closing fence may be the first line (empty reasoning): the
    // newline before it is the one that ended the info line.
    const lead = this.fenceFresh ? '\n' : '';
    const text = lead + this.buf;
    const close = text.indexOf(FENCE_CLOSE);
    if (close >= 0) {
      this.emitThink(text.slice(lead.length, Math.max(lead.length, close)));
      this.buf = text.slice(close + FENCE_CLOSE.length);
      this.closeBlock();
      return;
    }
    if (final) {
      if (text.endsWith(FENCE_CLOSE_AT_END)) {
        this.emitThink(text.slice(lead.length, text.length - FENCE_CLOSE_AT_END.length));
        this.buf = '';
        this.closeBlock();
      }
      return;
    }
    const keep = Math.min(heldSuffix(text, [FENCE_CLOSE]), this.buf.length);
    const thought = this.buf.slice(0, this.buf.length - keep);
    if (thought !== '') {
      this.emitThink(thought);
      this.fenceFresh = false;
    }
    this.buf = this.buf.slice(this.buf.length - keep);
  }

  private scanTag(final: boolean): void {
    const close = this.buf.indexOf(TAG_CLOSE);
    if (close >= 0) {
      this.emitThink(this.buf.slice(0, close));
      this.buf = this.buf.slice(close + TAG_CLOSE.length);
      this.closeBlock();
      return;
    }
    if (final) return;
    const hold = heldSuffix(this.buf, [TAG_CLOSE]);
    this.emitThink(this.buf.slice(0, this.buf.length - hold));
    this.buf = this.buf.slice(this.buf.length - hold);
  }

  private closeBlock(): void {
    this.mode = 'text';
    this.trimNewlines = true;
  }

  private emitText(text: string): void {
    let t = text;
    if (this.trimNewlines) {
      t = t.replace(/^[\r\n]+/, '');
      if (t !== '') this.trimNewlines = false;
    }
    if (t === '') return;
    this.atStart = false;
    this.add('text', t);
  }

  private emitThink(text: string): void {
    if (text === '') return;
    this.thinkSoFar += text;
    this.add('think', text);
  }

  private add(kind: ReasoningPiece['kind'], text: string): void {
    const last = this.out.at(-1);
    if (last?.kind === kind) last.text += text;
    else this.out.push({ kind, text });
  }
}
