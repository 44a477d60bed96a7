/**
 * The protocol-neutral shapes every surface translates into and out of.
 *
 *   OpenAI / Anthropic / Responses request ──parse──▶ NeutralRequest
 *   NeutralRequest ──tools/prompt renderer──▶ Lingma questionText
 *   Lingma ChatEvents ──chat engine (+ tool-call stream parser)──▶ OutEvent stream + TurnRecord
 *   OutEvent stream ──encoder──▶ OpenAI chunks / Anthropic events / Responses events
 *   TurnRecord (a ChatResult) ──builder──▶ non-streamed bodies, the request log, metrics
 *
 * Everything here is plain data so translation stays pure and testable on fixtures.
 */

export type Protocol = 'openai' | 'anthropic' | 'responses';

/**
 * How a tool's calls go back to the client. Function tools (the default) return JSON arguments;
 * `custom` tools (Responses free-form tools) take one string, offered to the model as
 * `{"input": "…"}`; `local_shell` is the Responses client-executed shell (`{"command": [...]}`).
 */
export type ToolKind = 'function' | 'custom' | 'local_shell';

/**
 * A client-defined tool. `name` is what the model sees and writes (a namespaced Responses tool
 * reads `namespace.name`); `parameters` is a JSON Schema object.
 */
export interface ToolDef {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  /** Absent means `function`. */
  kind?: ToolKind;
  /** Responses `namespace` tools: the namespace and the tool's own name inside it. */
  namespace?: { name: string; tool: string };
  /** Custom tools: the input format (grammar or regex) as the client defined it, for the prompt. */
  format?: string;
}

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  /** OpenAI `required`, Anthropic `any`: some tool must be called. */
  | { type: 'required' }
  /** A named tool is forced. */
  | { type: 'tool'; name: string };

/** A tool call as it appears in history or in a response. `arguments` is JSON text. */
export interface NeutralToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface NeutralToolResult {
  callId: string;
  /** Tool name when the protocol or history tells it (Anthropic does not repeat it). */
  name?: string;
  content: string;
  isError?: boolean;
}

/**
 * One turn of history. Images and audio are already degraded to `[image]` / `[audio]`
 * placeholders in `text` (Lingma chat has no vision input). `system` turns are instructions a
 * client inserted mid-conversation (Anthropic system messages, later OpenAI system/developer
 * messages): they stay at their position.
 */
export interface NeutralMessage {
  role: 'user' | 'assistant' | 'tool' | 'system';
  text: string;
  /** Assistant turns: the tool calls it made. */
  toolCalls?: NeutralToolCall[];
  /** Tool turns: the result of one call. */
  toolResult?: NeutralToolResult;
}

/**
 * Structured output the client asked for (OpenAI `response_format`, Responses `text.format`,
 * Anthropic `output_config.format`). Emulated: the schema goes into the prompt and the answer is
 * validated, corrected once, and returned as the message text.
 */
export type ResponseFormat =
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      /** The schema's name (OpenAI requires one; Anthropic has none). */
      name?: string;
      description?: string;
      schema: Record<string, unknown>;
      strict?: boolean;
    };

export interface NeutralRequest {
  protocol: Protocol;
  /** The model name the client asked for (resolved to a Lingma key by the gateway). */
  model: string;
  /** System and developer instructions, joined in order. */
  system: string;
  messages: NeutralMessage[];
  tools: ToolDef[];
  toolChoice: ToolChoice;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Affinity hint: OpenAI `user`, Anthropic `metadata.user_id`. */
  user?: string;
  /**
   * The client's own name for its conversation (Claude Code's `x-claude-code-session-id`,
   * Codex's session header, `prompt_cache_key`), set by the gateway from the request.
   */
  clientSession?: string;
  maxTokens?: number;
  /** JSON output the client requires; absent for plain text. */
  responseFormat?: ResponseFormat;
  /** Parameters the client sent that Lingma cannot honour (documented as ignored). */
  ignoredParams: string[];
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'error';

/** A Lingma-side (upstream agent) tool call surfaced to a client that defined no tools. */
export interface BridgedToolCall {
  id: string;
  name: string;
  arguments: string;
  /** Present when the upstream event carried a result. */
  result?: { content: string; isError: boolean };
}

export type OutEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** An emulated client tool call, complete (emitted as soon as its block closes). */
  | { type: 'tool_call'; call: NeutralToolCall }
  /** Lingma's own agent used a tool (bridge mode only). */
  | { type: 'upstream_tool'; call: BridgedToolCall }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage };

/** A tool call of the answer: an emulated client call, or a bridged Lingma agent call. */
export interface ResultCall {
  call: NeutralToolCall;
  source: 'client' | 'upstream';
  /** Bridged calls only: the upstream result, when the event carried one. */
  result?: { content: string; isError: boolean };
}

/** Everything a complete (non-streamed) response needs. */
export interface ChatResult {
  text: string;
  reasoning: string;
  /** In emission order, one entry per call id. */
  calls: ResultCall[];
  finishReason: FinishReason;
  usage: Usage;
}
