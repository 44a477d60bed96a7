/**
 * The incremental parser that turns a streamed answer into text and emulated tool calls.
 *
 * - Text flows at once; only what could still become a call block is held back: a trailing run of
 *   backticks, a partial ```tool_call header, an open block, and trailing whitespace (so the blank
 *   lines around a call can be dropped instead of reaching the client as empty text).
 * - A call is emitted as soon as its block closes. A block that fails validation is reported in
 *   `result().invalid`, so the engine can retry; it comes out as the text the model wrote only
 *   without `holdInvalid` (the engine always holds: raw markup never reaches a client).
 * - With no tools offered (none defined, or `tool_choice: none`) blocks are still recognised: any
 *   call is then a call to a tool the client did not offer, reported invalid like the rest.
 * - `end()` flushes. An unclosed block becomes a call when its body is a complete, valid call (a
 *   model that stops right before the closing fence still meant it); otherwise it is text and is
 *   reported invalid.
 * - Under a forced tool, an answer that is only a JSON object is held until `end()` and then
 *   becomes a call to that tool (see forced-fallback.ts).
 *
 * Output depends only on the concatenated input, never on how it was split into deltas.
 */
import type { NeutralRequest, NeutralToolCall, ToolChoice, ToolDef } from '../chat/types';
import { correctionFor, buildStrayCallCorrection } from './corrections';
import { BlockCloseScanner, findCallOpening } from './fence-scan';
import { fallbackPrefix, forcedFallbackCall } from './forced-fallback';
import { createIdGenerator, type IdGenerator } from './ids';
import type { ParseSummary, ParserEvent, ToolCallParserOptions } from './tool-call-parser-types';
import { checkBlockBody, findTool, type InvalidToolBlock } from './validate';

export type { ParseSummary, ParserEvent, ToolCallParserOptions } from './tool-call-parser-types';

function splitTrailingSpace(s: string): [string, string] {
  const trimmed = s.trimEnd();
  return [trimmed, s.slice(trimmed.length)];
}

/** Incremental ```tool_call parser; structurally the engine's ToolStage (push/end/correction). */
export class ToolCallParser {
  private readonly tools: readonly ToolDef[];
  private readonly choice: ToolChoice;
  private readonly newId: IdGenerator;
  private readonly holdInvalid: boolean;
  /** False when the prompt offered no tools: every call block is then invalid. */
  private readonly offered: boolean;
  private mode: 'text' | 'block' = 'text';
  /** Text mode: input not emitted yet (held whitespace and a possible block start). */
  private buf = '';
  /** Block mode: the opening fence line, the body so far and whitespace that preceded the block. */
  private header = '';
  private bodyParts: string[] = [];
  private leadingSpace = '';
  private scanner = new BlockCloseScanner();
  /** The last thing emitted was a call: leading whitespace of the next text is dropped. */
  private afterCall = false;
  /** A block was withheld between two texts: keep them apart as paragraphs. */
  private separateNext = false;
  /** Forced tool: text held while the whole answer may still be a bare JSON call. */
  private fallbackOpen: boolean;
  private fallbackText = '';
  /** The held text opens like JSON: only the complete answer decides (no re-checks). */
  private fallbackSure = false;
  private ended = false;
  private readonly summary: ParseSummary = {
    calls: [],
    text: '',
    invalid: [],
    usedFallback: false,
  };

  constructor(options: ToolCallParserOptions) {
    this.tools = options.tools;
    this.choice = options.toolChoice;
    this.newId = options.newId ?? createIdGenerator(options.protocol ?? 'openai');
    this.holdInvalid = options.holdInvalid ?? false;
    // With tool_choice "none" the tools were never offered.
    this.offered = this.tools.length > 0 && this.choice.type !== 'none';
    this.fallbackOpen =
      this.offered &&
      this.choice.type === 'tool' &&
      findTool(this.tools, this.choice.name) !== undefined;
  }

  /** Feeds an answer delta; returns what can be emitted now. */
  push(delta: string): ParserEvent[] {
    const out: ParserEvent[] = [];
    if (this.ended || delta === '') return out;
    this.feed(delta, out, false);
    return out;
  }

  /** Flushes everything held back; call once when the answer is complete. */
  end(): ParserEvent[] {
    const out: ParserEvent[] = [];
    if (this.ended) return out;
    this.ended = true;
    this.feed('', out, true);
    if (this.fallbackOpen) this.settleFallback(out);
    return out;
  }

  /** Calls, emitted text and invalid blocks so far (complete after `end()`). */
  result(): ParseSummary {
    return {
      ...this.summary,
      calls: [...this.summary.calls],
      invalid: [...this.summary.invalid],
    };
  }

  /** After `end()`: the corrective follow-up the answer needs, or null. */
  correction(): string | null {
    if (!this.offered) return this.summary.invalid.length > 0 ? buildStrayCallCorrection() : null;
    return correctionFor(this.summary, this.tools, this.choice);
  }

  /** Invalid blocks that were withheld from the client (for the request log). */
  withheld(): InvalidToolBlock[] {
    return this.holdInvalid ? [...this.summary.invalid] : [];
  }

  private feed(input: string, out: ParserEvent[], final: boolean): void {
    let pending = input;
    // Each pass either finishes a block (and loops for the text after it) or stops.
    for (;;) {
      if (this.mode === 'block') {
        const rest = this.advanceBlock(pending, out, final);
        if (rest === undefined) return;
        pending = rest;
      }
      this.buf += pending;
      const body = this.advanceText(out, final);
      if (body === undefined) return;
      pending = body;
    }
  }

  /** Emits text up to the next block start; returns the input after its header when one opened. */
  private advanceText(out: ParserEvent[], final: boolean): string | undefined {
    const s = this.buf;
    const found = findCallOpening(s, final);
    if (found.kind === 'open') {
      const [text, space] = splitTrailingSpace(s.slice(0, found.at));
      this.emitText(text, out);
      this.leadingSpace = space;
      this.header = s.slice(found.at, found.bodyStart);
      this.buf = '';
      this.mode = 'block';
      return s.slice(found.bodyStart);
    }
    if (final) {
      this.emitText(s, out);
      this.buf = '';
      return undefined;
    }
    const [text, space] = splitTrailingSpace(s.slice(0, found.at));
    this.emitText(text, out);
    this.buf = space + s.slice(found.at);
    return undefined;
  }

  /**
   * Adds `chunk` to the open block and closes it when its fence has arrived; returns the input
   * after the block then (text again), else undefined. Parts are joined only once, at the close.
   */
  private advanceBlock(chunk: string, out: ParserEvent[], final: boolean): string | undefined {
    this.bodyParts.push(chunk);
    const close = this.scanner.push(chunk, final);
    if (close < 0 && !final) return undefined;
    const body = this.bodyParts.join('');
    this.bodyParts = [];
    this.scanner = new BlockCloseScanner();
    this.mode = 'text';
    if (close < 0) {
      this.settleBlock(this.header + body, body, 'unclosed', out);
      return '';
    }
    this.settleBlock(this.header + body.slice(0, close + 3), body.slice(0, close), 'block', out);
    return body.slice(close + 3);
  }

  private settleBlock(
    raw: string,
    inner: string,
    source: InvalidToolBlock['source'],
    out: ParserEvent[],
  ): void {
    const check = checkBlockBody(inner, this.offered ? this.tools : undefined, this.choice);
    const leading = this.leadingSpace;
    this.leadingSpace = '';
    if (check.ok) {
      this.emitCall({ id: this.newId(), name: check.name, arguments: check.arguments }, out);
      return;
    }
    const reasons =
      source === 'unclosed'
        ? ['the block was not closed with ```', ...check.reasons]
        : check.reasons;
    this.summary.invalid.push({ raw, name: check.name, reasons, source });
    this.releaseFallback(out);
    if (this.holdInvalid) {
      this.afterCall = true;
      this.separateNext = this.summary.text.length > 0;
    } else this.emitText(leading + raw, out);
  }

  private emitText(text: string, out: ParserEvent[]): void {
    const trimmed = this.afterCall ? text.trimStart() : text;
    if (trimmed === '') return;
    this.afterCall = false;
    const t = this.separateNext ? `\n\n${trimmed}` : trimmed;
    this.separateNext = false;
    if (this.fallbackOpen) {
      this.fallbackText += t;
      if (this.fallbackSure) return;
      const prefix = fallbackPrefix(this.fallbackText);
      this.fallbackSure = prefix === 'json';
      if (prefix === 'no') this.releaseFallback(out);
      return;
    }
    this.summary.text += t;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += t;
    else out.push({ type: 'text', text: t });
  }

  private emitCall(call: NeutralToolCall, out: ParserEvent[]): void {
    this.releaseFallback(out);
    this.separateNext = false;
    this.summary.calls.push(call);
    out.push({ type: 'tool_call', call });
    this.afterCall = true;
  }

  /** The answer is not a bare JSON call after all: stream what was held. */
  private releaseFallback(out: ParserEvent[]): void {
    if (!this.fallbackOpen) return;
    this.fallbackOpen = false;
    const held = this.fallbackText;
    this.fallbackText = '';
    this.emitText(held, out);
  }

  private settleFallback(out: ParserEvent[]): void {
    const text = this.fallbackText;
    const check =
      this.choice.type === 'tool' && text
        ? forcedFallbackCall(text, this.tools, this.choice)
        : undefined;
    if (check?.ok) {
      this.fallbackOpen = false;
      this.fallbackText = '';
      this.summary.usedFallback = true;
      this.emitCall({ id: this.newId(), name: check.name, arguments: check.arguments }, out);
      return;
    }
    if (check) {
      const { name, reasons } = check;
      this.summary.invalid.push({ raw: text, name, reasons, source: 'fallback' });
    }
    if (check && this.holdInvalid) {
      this.fallbackOpen = false;
      this.fallbackText = '';
      return;
    }
    this.releaseFallback(out);
  }
}

/** A parser for one answer to `req` (its tools, tool_choice and the protocol's id prefix). */
export function createToolCallParser(
  req: Pick<NeutralRequest, 'tools' | 'toolChoice' | 'protocol'>,
  options: { holdInvalid?: boolean; newId?: IdGenerator } = {},
): ToolCallParser {
  return new ToolCallParser({
    tools: req.tools,
    toolChoice: req.toolChoice,
    protocol: req.protocol,
    ...options,
  });
}
