/**
 * The predecessor's forced-tool fallback, kept for compatibility: when `tool_choice` names a tool
 * and the answer has no ```tool_call block but is, as a whole, a strict JSON object (optionally in
 * a ```json fence), that object becomes a call to the forced tool — either `{"name", "arguments"}`
 * or the bare arguments object.
 */
import type { ToolChoice, ToolDef } from '../chat/types';
import { isJsonObject } from './lenient-json';
import { checkCallObject, checkToolArguments, findTool, type CallCheck } from './validate';

const FENCE_OPEN = /^```[ \t]*(?:json)?[ \t]*\r?\n/i;
const FENCE_PREFIX = /^(?:`{1,3}|```[ \t]*(?:j(?:s(?:o(?:n)?)?)?)?[ \t]*\r?)$/i;

/**
 * Whether `text` (the answer so far) can still turn out to be a fallback JSON answer: `no`, `maybe`
 * (too little text to tell), or `json` (it opens like one: only the complete answer can tell, so
 * callers stop asking). While it can, the stream parser holds the text back: once streamed as text
 * it could not become a call any more.
 */
export function fallbackPrefix(text: string): 'no' | 'maybe' | 'json' {
  const t = text.trimStart();
  if (t === '') return 'maybe';
  if (t.startsWith('{')) return 'json';
  if (!t.startsWith('`')) return 'no';
  const fence = FENCE_OPEN.exec(t);
  if (!fence) return FENCE_PREFIX.test(t) ? 'maybe' : 'no';
  const rest = t.slice(fence[0].length).trimStart();
  if (rest === '') return 'maybe';
  return rest.startsWith('{') ? 'json' : 'no';
}

/** The JSON text inside an optional ```json / ``` fence, or undefined for another fence. */
function unfence(text: string): string | undefined {
  const t = text.trim();
  if (!t.startsWith('```')) return t;
  const fence = FENCE_OPEN.exec(t);
  if (!fence || !t.endsWith('```')) return undefined;
  return t.slice(fence[0].length, t.length - 3);
}

/**
 * The call a complete answer stands for under a forced tool, or undefined when the answer is not a
 * strict JSON object (it is then ordinary text). A JSON object that names another tool, or whose
 * arguments break the schema, gives a failed check so it can be corrected.
 */
export function forcedFallbackCall(
  answer: string,
  tools: readonly ToolDef[],
  choice: Extract<ToolChoice, { type: 'tool' }>,
): CallCheck | undefined {
  const forced = findTool(tools, choice.name);
  if (!forced) return undefined;
  const inner = unfence(answer);
  if (inner === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(inner) as unknown;
  } catch {
    return undefined;
  }
  if (!isJsonObject(value)) return undefined;
  const wrapped =
    typeof value.name === 'string' && ['arguments', 'parameters', 'input'].some((k) => k in value);
  return wrapped ? checkCallObject(value, tools, choice) : checkToolArguments(forced, value);
}
