/**
 * `POST /v1/messages` (and `/v1/messages/count_tokens`) body → NeutralRequest. Strict where the
 * Anthropic API is strict (model, positive `max_tokens`, a non-empty message list, known roles,
 * custom tools with an `input_schema`), lenient about turn alternation and about block and tool
 * types newer than this gateway. `role: "system"` messages (Claude Code's mid-conversation
 * instructions) stay in order; `output_config.format` becomes the structured-output request.
 */
import {
  assistantTurn,
  anthropicSystemText,
  systemTurn,
  userTurn,
  type ToolNames,
} from './anthropic-content';
import type { NeutralMessage, NeutralRequest, ToolChoice, ToolDef } from '../../chat/types';
import { collectIgnoredParams, type ParamCheck } from './params';
import { parseAnthropicOutputFormat } from './response-format';
import { estimateRequestTokens } from './tokens';
import {
  expectArray,
  expectBody,
  expectNonEmptyString,
  expectObject,
  expectString,
  invalid,
  isAbsent,
  isObject,
  optArray,
  optBoolean,
  optObject,
  optPositiveInteger,
  optString,
  type JsonObject,
} from './validate';

const HANDLED = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'stream',
  'metadata',
  'output_config',
  'output_format',
]);

const IGNORED_CHECKS: Record<string, ParamCheck> = {
  stop_sequences: 'array',
  temperature: 'number',
  top_p: 'number',
  top_k: 'integer',
  thinking: 'object',
  service_tier: 'string',
  mcp_servers: 'array',
  context_management: 'object',
  inference_geo: 'string',
  // A container id (string) or a container spec with skills (object).
  container: 'any',
};

function parseMessages(raw: unknown): NeutralMessage[] {
  if (isAbsent(raw)) invalid('`messages` is required.', 'messages');
  const list = expectArray(raw, 'messages');
  if (list.length === 0) invalid('`messages` must contain at least one message.', 'messages');
  const names: ToolNames = new Map();
  const out: NeutralMessage[] = [];
  list.forEach((item, i) => {
    const param = `messages[${i}]`;
    const m = expectObject(item, param);
    if (isAbsent(m.role)) invalid(`\`${param}.role\` is required.`, `${param}.role`);
    const role = expectString(m.role, `${param}.role`);
    if (isAbsent(m.content)) invalid(`\`${param}.content\` is required.`, `${param}.content`);
    if (role === 'user') out.push(...userTurn(m.content, `${param}.content`, names));
    else if (role === 'assistant') out.push(assistantTurn(m.content, `${param}.content`, names));
    else if (role === 'system') out.push(systemTurn(m.content, `${param}.content`));
    else
      invalid(
        `\`${param}.role\`: Input should be 'user', 'assistant' or 'system', got "${role}".`,
        `${param}.role`,
      );
  });
  return out;
}

interface AnthropicTools {
  tools: ToolDef[];
  ignored: string[];
}

function parseTools(raw: unknown): AnthropicTools {
  const tools: ToolDef[] = [];
  const ignored: string[] = [];
  optArray(raw, 'tools')?.forEach((item, i) => {
    const param = `tools[${i}]`;
    const tool = expectObject(item, param);
    const type = optString(tool.type, `${param}.type`);
    if (type !== undefined && type !== 'custom') {
      // Server tools (web_search_*, bash_*, code_execution_*, …) run on Anthropic's side.
      ignored.push(`${param} (${type})`);
      return;
    }
    const name = expectNonEmptyString(tool.name, `${param}.name`);
    if (isAbsent(tool.input_schema))
      invalid(`\`${param}.input_schema\` is required.`, `${param}.input_schema`);
    const parameters = expectObject(tool.input_schema, `${param}.input_schema`);
    const description = optString(tool.description, `${param}.description`);
    tools.push(description ? { name, description, parameters } : { name, parameters });
  });
  return { tools, ignored };
}

interface AnthropicChoice {
  choice: ToolChoice;
  ignored: string[];
}

function parseToolChoice(raw: unknown): AnthropicChoice {
  const obj = optObject(raw, 'tool_choice');
  if (!obj) return { choice: { type: 'auto' }, ignored: [] };
  const type = expectString(obj.type, 'tool_choice.type');
  const ignored =
    optBoolean(obj.disable_parallel_tool_use, 'tool_choice.disable_parallel_tool_use') === undefined
      ? []
      : ['tool_choice.disable_parallel_tool_use'];
  switch (type) {
    case 'auto':
    case 'none':
      return { choice: { type }, ignored };
    case 'any':
      return { choice: { type: 'required' }, ignored };
    case 'tool':
      return {
        choice: { type: 'tool', name: expectNonEmptyString(obj.name, 'tool_choice.name') },
        ignored,
      };
    default:
      return invalid(
        `\`tool_choice.type\` must be one of auto, any, tool, none; got "${type}".`,
        'tool_choice.type',
      );
  }
}

/** `output_config` keys other than `format` (effort, …) steer Claude only: listed as ignored. */
function ignoredOutputConfig(body: JsonObject): string[] {
  const config = optObject(body.output_config, 'output_config');
  if (!config) return [];
  return Object.entries(config)
    .filter(([key, value]) => key !== 'format' && !isAbsent(value))
    .map(([key]) => `output_config.${key}`);
}

/** Any system block, tool or message block with `cache_control` (Lingma has no prompt cache). */
function usesCacheControl(b: JsonObject): boolean {
  const contents = Array.isArray(b.messages)
    ? b.messages.map((m) => (isObject(m) ? m.content : undefined))
    : [];
  return [b.system, b.tools, ...contents].some(
    (list) => Array.isArray(list) && list.some((x) => isObject(x) && !isAbsent(x.cache_control)),
  );
}

function userId(metadata: JsonObject | undefined): string | undefined {
  return optString(metadata?.user_id, 'metadata.user_id') || undefined;
}

function parse(body: unknown, countOnly: boolean): NeutralRequest {
  const b = expectBody(body);
  const model = expectNonEmptyString(b.model, 'model');
  let maxTokens: number | undefined;
  if (countOnly) {
    maxTokens = optPositiveInteger(b.max_tokens, 'max_tokens');
  } else {
    if (isAbsent(b.max_tokens)) invalid('`max_tokens` is required.', 'max_tokens');
    maxTokens = optPositiveInteger(b.max_tokens, 'max_tokens');
  }
  const system = anthropicSystemText(b.system);
  const messages = parseMessages(b.messages);
  const { tools, ignored: ignoredTools } = parseTools(b.tools);
  const { choice, ignored: ignoredChoice } = parseToolChoice(b.tool_choice);
  const stream = countOnly ? false : (optBoolean(b.stream, 'stream') ?? false);
  const metadata = optObject(b.metadata, 'metadata');
  const user = userId(metadata);
  const responseFormat = parseAnthropicOutputFormat(b);
  const handled = countOnly ? new Set([...HANDLED].filter((k) => k !== 'stream')) : HANDLED;

  const req: NeutralRequest = {
    protocol: 'anthropic',
    model,
    system,
    messages,
    tools,
    toolChoice: choice,
    stream,
    includeUsage: false,
    ignoredParams: [
      ...collectIgnoredParams(b, handled, IGNORED_CHECKS),
      ...ignoredOutputConfig(b),
      ...(usesCacheControl(b) ? ['cache_control'] : []),
      ...ignoredTools,
      ...ignoredChoice,
    ],
  };
  if (responseFormat) req.responseFormat = responseFormat;
  if (user) req.user = user;
  if (maxTokens !== undefined) req.maxTokens = maxTokens;
  return req;
}

/**
 * Parses and validates an Anthropic Messages request.
 * @throws ApiError `invalid_request` (400) with `param` set to the offending path.
 */
export function parseAnthropicMessagesRequest(body: unknown): NeutralRequest {
  return parse(body, false);
}

/**
 * Parses a `count_tokens` request: the Messages body without `max_tokens` (accepted if sent) and
 * without streaming.
 * @throws ApiError `invalid_request` (400) with `param` set to the offending path.
 */
export function parseAnthropicCountTokensRequest(body: unknown): NeutralRequest {
  return parse(body, true);
}

/** The `count_tokens` answer for a body, from the same estimator the usage figures use. */
export function countAnthropicTokens(body: unknown): { input_tokens: number } {
  return { input_tokens: estimateRequestTokens(parseAnthropicCountTokensRequest(body)) };
}
