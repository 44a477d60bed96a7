/**
 * `POST /v1/responses` body → {@link ResponsesRequest}. Every read is schema-checked so junk is a
 * 400 naming the offending `param` (as the SDKs surface it), never a TypeError.
 */
import { ApiError } from '../../errors';
import {
  describe,
  expectBody,
  expectNonEmptyString,
  expectString,
  invalid,
  isAbsent,
  optArray,
  optBoolean,
  optNumber,
  optObject,
  optPositiveInteger,
  optString,
  type JsonObject,
} from '../validate';
import { parseResponsesTextFormat } from '../response-format';
import type { ResponseFormat } from '../../../chat/types';
import { owningResponseId } from './ids';
import { HistoryBuilder } from './input-items';
import { parseToolChoice, parseTools } from './parse-tools';
import type { PreviousLookup, ResponsesRequest, StoredResponse, TextFormatWire } from './types';

/** Fields this parser reads itself; any other non-null field is reported in `ignoredParams`. */
const HANDLED = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'store',
  'previous_response_id',
  'stream',
  'max_output_tokens',
  'metadata',
  'user',
  'prompt_cache_key',
  'safety_identifier',
  'parallel_tool_calls',
  'text',
]);

/** Instructions and system/developer messages are separate blocks of one system prompt. */
const SYSTEM_SEPARATOR = '\n\n';

/**
 * Parses and validates a Responses request. `previous_response_id` prepends the stored
 * conversation (its instructions are not carried over, as documented by OpenAI); an unknown id is
 * a 404 `not_found` with `param: previous_response_id`.
 */
export function parseResponsesRequest(body: unknown, deps: PreviousLookup): ResponsesRequest {
  const b = expectBody(body);
  const model = expectNonEmptyString(b.model, 'model');
  const input = expectInput(b.input);
  const ignoredParams: string[] = [];
  checkIgnored(b, ignoredParams);

  const previousResponseId = optString(b.previous_response_id, 'previous_response_id') ?? null;
  const previous =
    previousResponseId === null ? undefined : deps.lookupPrevious(previousResponseId);
  if (previousResponseId !== null && previous === undefined)
    throw new ApiError(
      'not_found',
      `Previous response with id '${previousResponseId}' not found.`,
      {
        param: 'previous_response_id',
      },
    );

  const history = new HistoryBuilder(previous?.history ?? [], (id) =>
    findStoredItem(id, previous, deps),
  );
  if (typeof input === 'string') history.add({ role: 'user', content: input }, 'input');
  else input.forEach((item, i) => history.add(item, `input[${i}]`));
  ignoredParams.push(...history.ignored);
  if (history.messages.length === 0)
    invalid('`input` must contain at least one user, assistant or tool item.', 'input');

  const instructions = optString(b.instructions, 'instructions') ?? null;
  const system = [...(instructions ? [instructions] : []), ...history.system];

  const tools = parseTools(b.tools, ignoredParams);
  const choice = parseToolChoice(
    b.tool_choice,
    new Set(tools.defs.map((t) => t.name)),
    ignoredParams,
  );

  const parallelToolCalls = optBoolean(b.parallel_tool_calls, 'parallel_tool_calls') ?? true;
  // The emulation may still produce several calls in one turn; say so.
  if (!parallelToolCalls) ignoredParams.push('parallel_tool_calls');

  const maxTokens = optPositiveInteger(b.max_output_tokens, 'max_output_tokens');
  const user = affinity(b);
  const text = optObject(b.text, 'text');
  const responseFormat = parseResponsesTextFormat(text);
  for (const [key, value] of Object.entries(text ?? {}))
    if (key !== 'format' && !isAbsent(value)) ignoredParams.push(`text.${key}`);
  return {
    protocol: 'responses',
    model,
    system: system.join(SYSTEM_SEPARATOR),
    messages: history.messages,
    tools: tools.defs,
    toolChoice: choice.neutral,
    stream: optBoolean(b.stream, 'stream') ?? false,
    // Responses always report usage in the final event.
    includeUsage: true,
    ...(user === undefined ? {} : { user }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(responseFormat === undefined ? {} : { responseFormat }),
    ignoredParams,
    store: optBoolean(b.store, 'store') ?? true,
    previousResponseId,
    instructions,
    wireTools: tools.wire,
    wireToolChoice: choice.wire,
    parallelToolCalls,
    metadata: parseMetadata(b.metadata),
    textFormat: textFormatWire(responseFormat),
  };
}

/** The `text.format` echo of a parsed format. */
function textFormatWire(format: ResponseFormat | undefined): TextFormatWire {
  if (format === undefined) return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json_object' };
  return {
    type: 'json_schema',
    name: format.name ?? 'response',
    schema: format.schema,
    ...(format.description === undefined ? {} : { description: format.description }),
    strict: format.strict ?? null,
  };
}

function expectInput(value: unknown): string | unknown[] {
  if (isAbsent(value)) return invalid('`input` is required.', 'input');
  if (typeof value === 'string' || Array.isArray(value)) return value;
  return invalid(
    `\`input\` must be a string or an array of input items, got ${describe(value)}.`,
    'input',
  );
}

/**
 * Type-checks the documented parameters Lingma cannot honour and lists every non-null field this
 * parser does not otherwise read, so the request log shows what was dropped.
 */
function checkIgnored(b: JsonObject, ignored: string[]): void {
  optNumber(b.temperature, 'temperature');
  optNumber(b.top_p, 'top_p');
  optObject(b.reasoning, 'reasoning');
  optString(b.truncation, 'truncation');
  optArray(b.include, 'include');
  optString(b.service_tier, 'service_tier');
  for (const [key, value] of Object.entries(b)) {
    if (!HANDLED.has(key) && !isAbsent(value)) ignored.push(key);
  }
}

/**
 * The session-affinity hint: `user`, else `prompt_cache_key` (Codex sends its conversation id
 * there), else `safety_identifier`.
 */
function affinity(b: JsonObject): string | undefined {
  return (
    optString(b.user, 'user') ??
    optString(b.prompt_cache_key, 'prompt_cache_key') ??
    optString(b.safety_identifier, 'safety_identifier')
  );
}

/** `metadata`: string values only (OpenAI's rule), echoed back on the response. */
function parseMetadata(value: unknown): Record<string, string> {
  const obj = optObject(value, 'metadata') ?? {};
  // fromEntries defines own properties, so even a `__proto__` key stays plain data.
  return Object.fromEntries(
    Object.entries(obj).map(([key, v]) => [key, expectString(v, `metadata.${key}`)]),
  );
}

/**
 * An `item_reference` target: an output item of the previous response, else of the response whose
 * id the item id encodes (ids made by this gateway name their response).
 */
function findStoredItem(
  id: string,
  previous: StoredResponse | undefined,
  deps: PreviousLookup,
): unknown {
  const own = previous?.response.output.find((item) => item.id === id);
  if (own !== undefined) return own;
  const owner = owningResponseId(id);
  if (owner === undefined || owner === previous?.id) return undefined;
  return deps.lookupPrevious(owner)?.response.output.find((item) => item.id === id);
}
