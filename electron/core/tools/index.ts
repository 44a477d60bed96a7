/**
 * Client tool-call emulation (Lingma's chat has no tools field, so calls are emulated in the prompt
 * with ```tool_call blocks) and the bridge for Lingma's own upstream tool events. Everything here
 * is pure: ids, clocks and randomness come in from the caller.
 */
export {
  CALL_FORMAT_EXAMPLE,
  TOOL_CALL_TAG,
  TOOL_RESULT_TAG,
  formatToolCallBlock,
  formatToolResultBlock,
} from './convention';
export {
  buildInvalidCallCorrection,
  buildMissingCallCorrection,
  buildStrayCallCorrection,
  correctionFor,
} from './corrections';
export {
  TOOL_CALL_ID_LENGTH,
  base62,
  createIdGenerator,
  sequentialIdGenerator,
  toolCallIdPrefix,
  type IdGenerator,
  type RandomBytes,
} from './ids';
export {
  DEFAULT_MAX_PROMPT_CHARS,
  renderFollowUp,
  renderPrompt,
  renderPromptDetailed,
  type FollowUpOptions,
  type RenderOptions,
  type RenderedPrompt,
} from './prompt';
export { describeTool, toolsOffered } from './prompt-tools';
export { renderParameters } from './schema-compact';
export {
  ToolCallParser,
  createToolCallParser,
  type ParseSummary,
  type ParserEvent,
  type ToolCallParserOptions,
} from './tool-call-parser';
export { createUpstreamBridge, type UpstreamTurnBridge } from './upstream-bridge';
export {
  UpstreamToolMerger,
  type MergeOutcome,
  type UpstreamMergeOptions,
  type UpstreamToolTimeline,
} from './upstream-merge';
export { bridgedResult, isTerminalStatus } from './upstream-result';
export {
  ToolCallNames,
  ToolCallTagScanner,
  extractToolCallTags,
  type ToolCallTag,
} from './upstream-tags';
export {
  checkArguments,
  checkCallObject,
  findTool,
  type CallCheck,
  type InvalidToolBlock,
} from './validate';
export { RetryTextFilter } from './retry-text';
export {
  SchemaCompileError,
  createFormatChecker,
  type FormatChecker,
  type FormatVerdict,
} from './structured-output';
