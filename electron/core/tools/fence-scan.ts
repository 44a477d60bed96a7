/**
 * Low-level recognisers for ```tool_call blocks in a growing answer. Each returns `maybe` when the
 * input seen so far cannot decide yet, so the stream parser holds back only that much text; with
 * `final` (the answer is complete) undecided input resolves to `no`.
 */

export type Match = { kind: 'yes'; at: number } | { kind: 'no' } | { kind: 'maybe' };

const NO: Match = { kind: 'no' };
const MAYBE: Match = { kind: 'maybe' };

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function skipBlanks(s: string, p: number): number {
  while (isBlank(s[p])) p += 1;
  return p;
}

/** Matches `word` case-insensitively at `p`; `maybe` when the input ends inside it. */
function matchWord(s: string, p: number, word: string, final: boolean): Match {
  for (let i = 0; i < word.length; i += 1) {
    const c = s[p + i];
    if (c === undefined) return final ? NO : MAYBE;
    if (c.toLowerCase() !== word[i]) return NO;
  }
  return { kind: 'yes', at: p + word.length };
}

/**
 * The info string of a call block, read just after its three opening backticks (`at`):
 * optional blanks, `tool_call`, an optional ` json` tag, blanks, then a line break — or `{` on the
 * same line, which models sometimes write. On `yes`, `at` is where the block's body starts.
 */
export function matchCallHeader(s: string, at: number, final: boolean): Match {
  const tag = matchWord(s, skipBlanks(s, at), 'tool_call', final);
  if (tag.kind !== 'yes') return tag;
  let p = tag.at;
  const q = skipBlanks(s, p);
  if (q >= s.length) return final ? NO : MAYBE;
  if (q > p && (s[q] === 'j' || s[q] === 'J')) {
    const json = matchWord(s, q, 'json', final);
    if (json.kind !== 'yes') return json;
    p = skipBlanks(s, json.at);
    if (p >= s.length) return final ? NO : MAYBE;
  } else {
    p = q;
  }
  const c = s[p];
  if (c === '\n') return { kind: 'yes', at: p + 1 };
  if (c === '{') return { kind: 'yes', at: p };
  if (c === '\r') {
    if (p + 1 >= s.length) return final ? NO : MAYBE;
    return s[p + 1] === '\n' ? { kind: 'yes', at: p + 2 } : NO;
  }
  return NO;
}

/**
 * The first ```tool_call opening in `s`: `open` with where its fence and body start, or `hold`
 * with where undecidable input starts (`s.length` when everything before can be emitted). Only a
 * run of exactly three backticks opens a block, so ````-fenced text never does; a run touching the
 * end of the input may still grow and is held.
 */
export function findCallOpening(
  s: string,
  final: boolean,
): { kind: 'open'; at: number; bodyStart: number } | { kind: 'hold'; at: number } {
  let i = 0;
  for (;;) {
    const j = s.indexOf('`', i);
    if (j < 0) return { kind: 'hold', at: s.length };
    let k = j;
    while (s[k] === '`') k += 1;
    if (k >= s.length && !final) return { kind: 'hold', at: j };
    if (k - j === 3) {
      const header = matchCallHeader(s, k, final);
      if (header.kind === 'maybe') return { kind: 'hold', at: j };
      if (header.kind === 'yes') return { kind: 'open', at: j, bodyStart: header.at };
    }
    i = k;
  }
}

/** A line that is only a fence (``` plus blanks), starting at the line start `p`. */
function matchFenceLine(s: string, p: number, final: boolean): Match {
  const start = skipBlanks(s, p);
  let end = start;
  while (s[end] === '`') end += 1;
  if (end >= s.length) {
    if (!final) return MAYBE;
    return end - start >= 3 ? { kind: 'yes', at: start } : NO;
  }
  if (end - start < 3) return NO;
  const after = skipBlanks(s, end);
  if (after >= s.length) return final ? { kind: 'yes', at: start } : MAYBE;
  return s[after] === '\n' || s[after] === '\r' ? { kind: 'yes', at: start } : NO;
}

/**
 * Finds the closing fence of a call block body, incrementally. The body is JSON, so three
 * backticks outside a JSON string close the block wherever they stand — and backticks inside a
 * string (a tool writing a Markdown file, say) never do. A line holding nothing but a fence also
 * closes the block even inside a string: a raw line break means the JSON is already broken, and
 * this keeps a broken block from swallowing the rest of the answer.
 */
export class BlockCloseScanner {
  /** Input not scanned yet (kept small: only undecided lookahead survives a push). */
  private tail = '';
  /** Offset of `tail` in the whole body. */
  private base = 0;
  private tailAtLineStart = true;
  private inString = false;
  private escape = false;

  /**
   * Feeds more body text; returns where the closing fence starts (an offset in the whole body) or
   * -1 when it has not arrived (yet). Only new input is scanned, so long bodies stay linear.
   */
  push(chunk: string, final: boolean): number {
    const t = this.tail + chunk;
    let p = 0;
    const wait = (): number => {
      this.tailAtLineStart = p === 0 ? this.tailAtLineStart : t[p - 1] === '\n';
      this.tail = t.slice(p);
      this.base += p;
      return -1;
    };
    while (p < t.length) {
      const lineStart = p === 0 ? this.tailAtLineStart : t[p - 1] === '\n';
      if (this.inString && lineStart) {
        const line = matchFenceLine(t, p, final);
        if (line.kind === 'maybe') return wait();
        if (line.kind === 'yes') return this.base + line.at;
      }
      const c = t[p];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === '\\') this.escape = true;
        else if (c === '"') this.inString = false;
        p += 1;
        continue;
      }
      if (c === '"') {
        this.inString = true;
        p += 1;
        continue;
      }
      if (c === '`') {
        let end = p;
        while (t[end] === '`') end += 1;
        if (end - p >= 3) return this.base + p;
        // Fewer than three at the very end may still grow into a fence.
        if (end >= t.length && !final) return wait();
        p = end;
        continue;
      }
      p += 1;
    }
    return wait();
  }
}
