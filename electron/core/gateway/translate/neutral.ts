/**
 * The protocol-neutral shapes every surface translates into and out of.
 *
 *   OpenAI / Anthropic / Responses request ──parse──▶ NeutralRequest
 *   NeutralRequest ──tools/prompt renderer──▶ Lingma questionText
 *   Lingma ChatEvents ──chat engine (+ tool-call stream parser)──▶ OutEvent stream
 *   OutEvent stream ──encoder──▶ OpenAI chunks / Anthropic events / Responses events
 *
 * Everything here is plain data so translation stays pure and testable on fixtures.
 */

export type Protocol = 'openai' | 'anthropic' | 'responses';

/** A client-defined function tool. `parameters` is a JSON Schema object. */
export interface ToolDef {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
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
 * placeholders in `text` (Lingma chat has no vision input).
 */
export interface NeutralMessage {
  role: 'user' | 'assistant' | 'tool';
  text: string;
  /** Assistant turns: the tool calls it made. */
  toolCalls?: NeutralToolCall[];
  /** Tool turns: the result of one call. */
  toolResult?: NeutralToolResult;
}

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
  maxTokens?: number;
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
