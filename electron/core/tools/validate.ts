/**
 * Checks a model-written call against the request's tools: the name must be one of them
 * (case-insensitive, the canonical spelling is returned) and the arguments must satisfy the top of
 * the tool's JSON Schema (`required`, plus `type`/`enum` of the properties that are present). That
 * catches what models actually get wrong without pulling in a full schema validator.
 */
import type { ToolChoice, ToolDef } from '../chat/types';
import { isJsonObject, parseLenientJson } from './lenient-json';

/** The outcome of checking one call. `arguments` is compact JSON text of an object. */
export type CallCheck =
  { ok: true; name: string; arguments: string } | { ok: false; name?: string; reasons: string[] };

/** A ```tool_call block (or forced-tool JSON answer) that could not be turned into a call. */
export interface InvalidToolBlock {
  /** Exactly what the model wrote, fences included. */
  raw: string;
  /** The tool name it asked for, when it could be read. */
  name?: string;
  reasons: string[];
  /** `unclosed`: the answer ended inside the block; `fallback`: a forced tool's bare JSON answer. */
  source: 'block' | 'unclosed' | 'fallback';
}

/**
 * The request's tool called `name`: exact match first, then case-insensitive, then a namespaced
 * tool by its own name when the model left the namespace out and only one tool has that name.
 */
export function findTool(tools: readonly ToolDef[], name: string): ToolDef | undefined {
  const exact = tools.find((t) => t.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const loose = tools.find((t) => t.name.toLowerCase() === lower);
  if (loose) return loose;
  const bare = tools.filter((t) => t.namespace?.tool.toLowerCase() === lower);
  return bare.length === 1 ? bare[0] : undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = jsonType(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  if (['string', 'integer', 'boolean', 'object', 'array', 'null'].includes(type)) {
    return actual === type;
  }
  // An unknown type keyword is not ours to enforce.
  return true;
}

function checkProperty(key: string, value: unknown, schema: unknown): string[] {
  if (!isJsonObject(schema)) return [];
  const types = Array.isArray(schema.type)
    ? schema.type.filter((t): t is string => typeof t === 'string')
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];
  if (types.length > 0 && !types.some((t) => matchesType(value, t))) {
    return [`argument "${key}" must be ${types.join(' or ')}, got ${jsonType(value)}`];
  }
  if (Array.isArray(schema.enum)) {
    const wanted = JSON.stringify(value);
    if (!schema.enum.some((e) => JSON.stringify(e) === wanted)) {
      return [`argument "${key}" must be one of ${JSON.stringify(schema.enum)}`];
    }
  }
  return [];
}

/** Problems with `args` for `tool` (empty when it is acceptable). */
export function checkArguments(tool: ToolDef, args: unknown): string[] {
  if (!isJsonObject(args)) return [`"arguments" must be a JSON object, got ${jsonType(args)}`];
  const schema = tool.parameters;
  const problems: string[] = [];
  if (Array.isArray(schema.required)) {
    for (const key of schema.required) {
      if (typeof key === 'string' && !(key in args)) {
        problems.push(`missing required argument "${key}"`);
      }
    }
  }
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  for (const [key, value] of Object.entries(args)) {
    if (key in properties) problems.push(...checkProperty(key, value, properties[key]));
  }
  return problems;
}

/**
 * The arguments of a call object: `arguments` (also accepted: `parameters`, `input`, which models
 * trained on other conventions write), either an object or a string holding a JSON object.
 * Missing arguments are `{}` (the `required` check then says what is missing).
 */
function readArguments(
  obj: Record<string, unknown>,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  const key = ['arguments', 'parameters', 'input'].find((k) => k in obj);
  const raw = key === undefined ? {} : obj[key];
  if (typeof raw !== 'string') return { ok: true, value: raw };
  if (raw.trim() === '') return { ok: true, value: {} };
  const parsed = parseLenientJson(raw);
  if (!parsed.ok)
    return { ok: false, reason: `"arguments" is a string but not JSON: ${parsed.error}` };
  return { ok: true, value: parsed.value };
}

/** Problems when `choice` forces a different tool than `name`. */
function choiceProblem(choice: ToolChoice, name: string): string | undefined {
  if (choice.type !== 'tool' || choice.name.toLowerCase() === name.toLowerCase()) return undefined;
  return `tool_choice requires the tool "${choice.name}", not "${name}"`;
}

/** Validates a parsed call object `{"name": …, "arguments": {…}}` from a ```tool_call block. */
export function checkCallObject(
  value: unknown,
  tools: readonly ToolDef[],
  choice: ToolChoice,
): CallCheck {
  if (!isJsonObject(value)) {
    return { ok: false, reasons: [`expected one JSON object per block, got ${jsonType(value)}`] };
  }
  if (typeof value.name !== 'string' || value.name.trim() === '') {
    return { ok: false, reasons: ['the call has no "name" string'] };
  }
  const asked = value.name.trim();
  const tool = findTool(tools, asked);
  if (!tool) {
    const known = tools.map((t) => t.name).join(', ');
    return { ok: false, name: asked, reasons: [`unknown tool "${asked}" (available: ${known})`] };
  }
  const args = readArguments(value);
  if (!args.ok) return { ok: false, name: tool.name, reasons: [args.reason] };
  const reasons = checkArguments(tool, args.value);
  const forced = choiceProblem(choice, tool.name);
  if (forced) reasons.unshift(forced);
  if (reasons.length > 0) return { ok: false, name: tool.name, reasons };
  return { ok: true, name: tool.name, arguments: JSON.stringify(args.value) };
}

/** Validates `args` as the arguments of `tool` (the forced-tool fallback path). */
export function checkToolArguments(tool: ToolDef, args: unknown): CallCheck {
  const reasons = checkArguments(tool, args);
  if (reasons.length > 0) return { ok: false, name: tool.name, reasons };
  return { ok: true, name: tool.name, arguments: JSON.stringify(args) };
}

const NAME_HINT = /"name"\s*:\s*"([^"\\]{1,200})"/;

/**
 * Checks the body of one ```tool_call block. `tools` undefined means none were offered: any call
 * is then to a tool the client did not offer. The name is still read when it can be, for the log.
 */
export function checkBlockBody(
  inner: string,
  tools: readonly ToolDef[] | undefined,
  choice: ToolChoice,
): CallCheck {
  const json = inner.trim();
  const name = NAME_HINT.exec(json)?.[1];
  if (!tools) return { ok: false, name, reasons: ['no tools are available in this conversation'] };
  if (json === '') return { ok: false, reasons: ['the block is empty'] };
  const parsed = parseLenientJson(json);
  if (!parsed.ok) return { ok: false, name, reasons: [`not valid JSON: ${parsed.error}`] };
  return checkCallObject(parsed.value, tools, choice);
}
