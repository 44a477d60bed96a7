/**
 * `POST /v1/chat/completions` body → NeutralRequest. Validation mirrors what the OpenAI API
 * rejects (missing model or messages, wrong types, `n` > 1) so SDK users get a typed 400 with
 * `param`, and everything Lingma cannot honour is accepted and listed in `ignoredParams`.
 */
import type { NeutralRequest } from '../../chat/types';
import { parseOpenAiMessages } from './openai-messages';
import { parseOpenAiToolChoice, parseOpenAiTools } from './openai-tools';
import { collectIgnoredParams, type ParamCheck } from './params';
import { parseChatResponseFormat } from './response-format';
import {
  expectBody,
  expectNonEmptyString,
  invalid,
  optBoolean,
  optInteger,
  optObject,
  optPositiveInteger,
  optString,
} from './validate';

/** Keys this parser reads itself; everything else is ignored (and type-checked if known). */
const HANDLED = new Set([
  'model',
  'messages',
  'tools',
  'functions',
  'tool_choice',
  'function_call',
  'stream',
  'stream_options',
  'user',
  'max_tokens',
  'max_completion_tokens',
  'n',
  'response_format',
]);

const IGNORED_CHECKS: Record<string, ParamCheck> = {
  temperature: 'number',
  top_p: 'number',
  presence_penalty: 'number',
  frequency_penalty: 'number',
  seed: 'integer',
  stop: 'string-or-strings',
  logit_bias: 'object',
  logprobs: 'boolean',
  top_logprobs: 'integer',
  parallel_tool_calls: 'boolean',
  reasoning_effort: 'string',
  metadata: 'object',
  store: 'boolean',
  service_tier: 'string',
  modalities: 'array',
  audio: 'object',
  prediction: 'object',
  verbosity: 'string',
  web_search_options: 'object',
  prompt_cache_key: 'string',
  safety_identifier: 'string',
};

/**
 * Parses and validates an OpenAI Chat Completions request.
 * @throws ApiError `invalid_request` (400) with `param` set to the offending path.
 */
export function parseOpenAiChatRequest(body: unknown): NeutralRequest {
  const b = expectBody(body);
  const model = expectNonEmptyString(b.model, 'model');
  const { system, messages } = parseOpenAiMessages(b.messages);

  // One upstream answer per request: several choices cannot be produced.
  const n = optInteger(b.n, 'n');
  if (n !== undefined && n !== 1)
    invalid(`\`n\` must be 1: this gateway returns a single choice (got ${n}).`, 'n');

  const { tools, ignored: ignoredTools } = parseOpenAiTools(b);
  const { choice, ignored: ignoredChoice } = parseOpenAiToolChoice(b);
  const stream = optBoolean(b.stream, 'stream') ?? false;
  const streamOptions = optObject(b.stream_options, 'stream_options');
  const includeUsage =
    optBoolean(streamOptions?.include_usage, 'stream_options.include_usage') ?? false;
  const user = optString(b.user, 'user');
  // `max_completion_tokens` supersedes the deprecated `max_tokens` when both are sent.
  const legacyMax = optPositiveInteger(b.max_tokens, 'max_tokens');
  const maxTokens =
    optPositiveInteger(b.max_completion_tokens, 'max_completion_tokens') ?? legacyMax;

  const responseFormat = parseChatResponseFormat(b.response_format);

  const ignoredParams = [
    ...collectIgnoredParams(b, HANDLED, IGNORED_CHECKS),
    ...ignoredTools,
    ...ignoredChoice,
  ];
  const req: NeutralRequest = {
    protocol: 'openai',
    model,
    system,
    messages,
    tools,
    toolChoice: choice,
    stream,
    includeUsage: stream && includeUsage,
    ignoredParams,
  };
  if (responseFormat) req.responseFormat = responseFormat;
  if (user) req.user = user;
  if (maxTokens !== undefined) req.maxTokens = maxTokens;
  return req;
}
