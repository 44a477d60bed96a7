/** The public shapes of the ```tool_call parser (tool-call-parser.ts). */
import type { NeutralToolCall, OutEvent, Protocol, ToolChoice, ToolDef } from '../chat/types';
import type { IdGenerator } from './ids';
import type { InvalidToolBlock } from './validate';

/** Events this parser produces. */
export type ParserEvent = Extract<OutEvent, { type: 'text' } | { type: 'tool_call' }>;

export interface ToolCallParserOptions {
  tools: readonly ToolDef[];
  toolChoice: ToolChoice;
  /** Picks the default id prefix (`call_` / `toolu_`) when `newId` is absent. */
  protocol?: Protocol;
  /** Ids for emitted calls; default: `createIdGenerator(protocol)` (crypto random). */
  newId?: IdGenerator;
  /**
   * Withhold invalid blocks instead of streaming them as text: the engine is going to retry and
   * the retry's answer replaces them. Use on every attempt but the last.
   */
  holdInvalid?: boolean;
}

/** Everything the parser found in one answer. */
export interface ParseSummary {
  calls: NeutralToolCall[];
  /** The text emitted (calls and withheld blocks excluded). */
  text: string;
  invalid: InvalidToolBlock[];
  /** A forced tool's bare JSON answer was turned into the call. */
  usedFallback: boolean;
}
