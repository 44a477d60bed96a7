/**
 * Token estimates. Lingma reports no usage and exposes no tokenizer, yet both APIs promise token
 * counts (usage blocks, `count_tokens`, the include_usage chunk, our own metrics). These numbers
 * are therefore estimates, tuned to be in the right range for Qwen-family BPE vocabularies:
 *
 * - ASCII: about 4 characters per token (English prose and code average 3.5–4.5);
 * - CJK ideographs, kana, hangul and full-width forms: about 1 token per character;
 * - other BMP scripts (accented Latin, Cyrillic, Greek, Arabic, …): about 2 characters per token;
 * - characters outside the BMP (emoji, rare ideographs): 1 token each;
 * - framing, in the spirit of OpenAI's published chat accounting: 4 tokens per message, 3 to
 *   prime the reply, 4 per tool call and 8 per tool definition on top of their text.
 *
 * Estimates are deterministic (same input, same count) so streamed and non-streamed usage agree.
 */
import type { NeutralRequest } from '../../chat/types';

const PER_MESSAGE = 4;
const REPLY_PRIMING = 3;
const PER_TOOL_CALL = 4;
const PER_TOOL_DEFINITION = 8;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x11ff) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303f) || // CJK radicals, symbols and punctuation
    (cp >= 0x3040 && cp <= 0x30ff) || // Hiragana, Katakana
    (cp >= 0x3100 && cp <= 0x31ff) || // Bopomofo, Hangul compatibility, Katakana extensions
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xff00 && cp <= 0xffef) // Half-width and full-width forms
  );
}

/** Runs of characters outside ASCII: everything else weighs a quarter token per character. */
// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000 on purpose
const NON_ASCII_RUN = /[^\u0000-\u007f]+/g;

/**
 * Estimated tokens in a piece of text: 0 for the empty string, otherwise at least 1.
 * Weights are summed in quarter tokens so the arithmetic stays exact. An agent request is
 * ~100 KB of mostly ASCII text, estimated on every request: each UTF-16 unit counts a quarter,
 * and only the runs outside ASCII are walked to add the rest (a surrogate pair is one code point
 * outside the BMP; a lone surrogate counts like any other BMP character).
 */
export function estimateTextTokens(text: string): number {
  let quarters = text.length;
  NON_ASCII_RUN.lastIndex = 0;
  for (let m = NON_ASCII_RUN.exec(text); m !== null; m = NON_ASCII_RUN.exec(text)) {
    const end = m.index + m[0].length;
    for (let i = m.index; i < end; i += 1) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) {
        quarters += 2; // two units, one code point worth a whole token
        i += 1;
      } else {
        quarters += isWide(c) ? 3 : 1;
      }
    }
  }
  return Math.ceil(quarters / 4);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Estimated prompt tokens of a whole request: instructions, history and tool definitions. */
export function estimateRequestTokens(req: NeutralRequest): number {
  let total = REPLY_PRIMING;
  if (req.system) total += PER_MESSAGE + estimateTextTokens(req.system);
  for (const m of req.messages) {
    total += PER_MESSAGE + estimateTextTokens(m.text);
    for (const call of m.toolCalls ?? [])
      total += PER_TOOL_CALL + estimateTextTokens(call.name) + estimateTextTokens(call.arguments);
    // A tool turn's text already is its result content; only the call id adds to it.
    if (m.toolResult) total += estimateTextTokens(m.toolResult.callId);
  }
  for (const tool of req.tools) {
    total +=
      PER_TOOL_DEFINITION +
      estimateTextTokens(tool.name) +
      estimateTextTokens(tool.description ?? '') +
      estimateTextTokens(JSON.stringify(tool.parameters));
  }
  return total;
}
