/**
 * The fixed text convention for emulated function calling. Lingma's `chat/ask` has no field for
 * client tools, so the model is asked to write one fenced block per call:
 *
 *     ```tool_call
 *     {"name": "<tool name>", "arguments": { ... }}
 *     ```
 *
 * and earlier calls/results are written back the same way (results as ```tool_result blocks), so
 * the model always reads one consistent transcript. Tests, simulator scenarios and the chat engine
 * rely on these exact tags.
 */

/** The info-string tag of a call block. */
export const TOOL_CALL_TAG = 'tool_call';
/** The info-string tag of a result block (history only; the model never writes these). */
export const TOOL_RESULT_TAG = 'tool_result';

/** The call format as shown to the model in instructions and corrections. */
export const CALL_FORMAT_EXAMPLE = [
  '```' + TOOL_CALL_TAG,
  '{"name": "<tool name>", "arguments": { ... }}',
  '```',
].join('\n');

/** Arguments as a JSON value: the parsed object when `text` is JSON, else the text itself. */
export function argumentsValue(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // History from a client may hold arguments that were never valid JSON; show them verbatim.
    return text;
  }
}

/** A past call written back into the transcript. The id lets the model pair it with its result. */
export function formatToolCallBlock(call: {
  id?: string;
  name: string;
  arguments: string;
}): string {
  const body: Record<string, unknown> = {};
  if (call.id) body.id = call.id;
  body.name = call.name;
  body.arguments = argumentsValue(call.arguments);
  return '```' + TOOL_CALL_TAG + '\n' + JSON.stringify(body) + '\n```';
}

/** A tool result written back into the transcript. */
export function formatToolResultBlock(result: {
  callId: string;
  name?: string;
  content: string;
  isError?: boolean;
}): string {
  const body: Record<string, unknown> = { call_id: result.callId };
  if (result.name) body.name = result.name;
  body.content = result.content;
  if (result.isError) body.is_error = true;
  return '```' + TOOL_RESULT_TAG + '\n' + JSON.stringify(body) + '\n```';
}
