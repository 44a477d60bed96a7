/**
 * Responses `tools` and `tool_choice`. Client-executed tools reach Lingma through the tool-call
 * emulation: `function`, `custom` (free-form input), `local_shell`, and the function/custom tools
 * inside a `namespace` (offered as `namespace.name`, called back in the namespace shape). Hosted
 * tools (web_search, file_search, code_interpreter, image_generation, computer, mcp, tool_search…)
 * run on OpenAI's side: they are not offered and are noted as ignored rather than failing clients
 * that always send them.
 */
import type { ToolChoice, ToolDef } from '../../../chat/types';
import type { JsonObject } from '../validate';
import {
  describe,
  expectNonEmptyString,
  expectObject,
  expectString,
  invalid,
  isAbsent,
  optArray,
  optBoolean,
  optObject,
  optString,
} from '../validate';
import type { FunctionToolWire, ToolChoiceWire } from './types';

/** A function without declared parameters takes an empty object. */
const EMPTY_SCHEMA: Readonly<Record<string, unknown>> = { type: 'object', properties: {} };

export interface ParsedTools {
  defs: ToolDef[];
  wire: FunctionToolWire[];
}

/** `tools`: client-executed tools become ToolDefs; hosted types are pushed to `ignored`. */
export function parseTools(value: unknown, ignored: string[]): ParsedTools {
  const out: ParsedTools = { defs: [], wire: [] };
  (optArray(value, 'tools') ?? []).forEach((tool, i) => {
    const param = `tools[${i}]`;
    const obj = expectObject(tool, param);
    const type = expectString(obj.type, `${param}.type`);
    if (type === 'function') addFunction(obj, param, out, undefined);
    else if (type === 'custom') out.defs.push(customTool(obj, param, undefined));
    else if (type === 'local_shell') out.defs.push(localShellTool());
    else if (type === 'namespace') addNamespace(obj, param, out, ignored);
    else ignored.push(`${param} (${type})`);
  });
  return out;
}

function addFunction(
  obj: JsonObject,
  param: string,
  out: ParsedTools,
  namespace: string | undefined,
): void {
  const name = expectNonEmptyString(obj.name, `${param}.name`);
  const description = optString(obj.description, `${param}.description`);
  const parameters = optObject(obj.parameters, `${param}.parameters`);
  const strict = optBoolean(obj.strict, `${param}.strict`);
  out.defs.push({
    ...modelName(name, namespace),
    ...(description === undefined ? {} : { description }),
    parameters: parameters ?? { ...EMPTY_SCHEMA },
  });
  // The echo lists top-level function tools only (the shape the SDK's Response type declares).
  if (namespace !== undefined) return;
  out.wire.push({
    type: 'function',
    name,
    description: description ?? null,
    parameters: parameters ?? null,
    strict: strict ?? null,
  });
}

/** A namespaced tool is shown to the model as `namespace.name`; the call goes back split. */
function modelName(
  name: string,
  namespace: string | undefined,
): Pick<ToolDef, 'name' | 'namespace'> {
  return namespace === undefined
    ? { name }
    : { name: `${namespace}.${name}`, namespace: { name: namespace, tool: name } };
}

/** The JSON Schema a free-form tool is offered with: one string argument. */
const CUSTOM_INPUT_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  properties: { input: { type: 'string', description: 'The raw input text for the tool.' } },
  required: ['input'],
};

function customTool(obj: JsonObject, param: string, namespace: string | undefined): ToolDef {
  const name = expectNonEmptyString(obj.name, `${param}.name`);
  const description = optString(obj.description, `${param}.description`);
  const format = optObject(obj.format, `${param}.format`);
  const formatText = format ? customFormatText(format, `${param}.format`) : undefined;
  return {
    ...modelName(name, namespace),
    kind: 'custom',
    ...(description === undefined ? {} : { description }),
    parameters: structuredClone(CUSTOM_INPUT_SCHEMA) as Record<string, unknown>,
    ...(formatText === undefined ? {} : { format: formatText }),
  };
}

/** A custom tool's input format as prompt text: a grammar or a regex the input must follow. */
function customFormatText(format: JsonObject, param: string): string | undefined {
  const type = expectString(format.type, `${param}.type`);
  if (type === 'text') return undefined;
  if (type !== 'grammar')
    return invalid(
      `Invalid value: '${type}'. Supported values are: 'text' and 'grammar'.`,
      `${param}.type`,
    );
  const syntax = expectString(format.syntax, `${param}.syntax`);
  const definition = expectString(format.definition, `${param}.definition`);
  return `"input" must follow this ${syntax} grammar:\n${definition}`;
}

/** Codex's local shell: the client runs `command` (an argv list) and returns its output. */
function localShellTool(): ToolDef {
  return {
    name: 'local_shell',
    kind: 'local_shell',
    description:
      "Runs a command on the user's machine and returns its output. `command` is the argument " +
      'vector, e.g. ["bash", "-lc", "ls -la"].',
    parameters: {
      type: 'object',
      properties: {
        command: { type: 'array', items: { type: 'string' } },
        working_directory: { type: 'string' },
        timeout_ms: { type: 'integer' },
        env: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['command'],
    },
  };
}

function addNamespace(obj: JsonObject, param: string, out: ParsedTools, ignored: string[]): void {
  const namespace = expectNonEmptyString(obj.name, `${param}.name`);
  (optArray(obj.tools, `${param}.tools`) ?? []).forEach((tool, j) => {
    const p = `${param}.tools[${j}]`;
    const inner = expectObject(tool, p);
    const type = expectString(inner.type, `${p}.type`);
    if (type === 'function') addFunction(inner, p, out, namespace);
    else if (type === 'custom') out.defs.push(customTool(inner, p, namespace));
    else ignored.push(`${p} (${type})`);
  });
  // What the namespace is for helps the model pick its tools: say it on each of them.
  const about = optString(obj.description, `${param}.description`)?.trim();
  if (!about) return;
  for (const def of out.defs)
    if (def.namespace?.name === namespace)
      def.description = def.description ? `${about} — ${def.description}` : about;
}

export interface ParsedToolChoice {
  neutral: ToolChoice;
  wire: ToolChoiceWire;
}

const AUTO: ParsedToolChoice = { neutral: { type: 'auto' }, wire: 'auto' };

/**
 * `tool_choice`: the three modes, a named function (which must be one of `tools`, as OpenAI
 * requires), `allowed_tools` (its mode is honoured, its subset is not), or a hosted-tool choice
 * (ignored, read as `auto`).
 */
export function parseToolChoice(
  value: unknown,
  functionNames: ReadonlySet<string>,
  ignored: string[],
): ParsedToolChoice {
  if (isAbsent(value)) return AUTO;
  if (typeof value === 'string') {
    if (value === 'auto' || value === 'none' || value === 'required')
      return { neutral: { type: value }, wire: value };
    return invalid(
      `Invalid value: '${value}'. Supported values are: 'none', 'auto', and 'required'.`,
      'tool_choice',
    );
  }
  if (typeof value !== 'object' || Array.isArray(value))
    return invalid(
      `\`tool_choice\` must be a string or an object, got ${describe(value)}.`,
      'tool_choice',
    );
  const obj = expectObject(value, 'tool_choice');
  const type = expectString(obj.type, 'tool_choice.type');
  if (type === 'function') {
    const name = expectNonEmptyString(obj.name, 'tool_choice.name');
    if (!functionNames.has(name))
      invalid(`Tool choice '${name}' not found in 'tools' parameter.`, 'tool_choice.name');
    return { neutral: { type: 'tool', name }, wire: { type: 'function', name } };
  }
  if (type === 'allowed_tools') {
    const mode = expectString(obj.mode, 'tool_choice.mode');
    if (mode !== 'auto' && mode !== 'required')
      invalid(
        `Invalid value: '${mode}'. Supported values are: 'auto' and 'required'.`,
        'tool_choice.mode',
      );
    ignored.push('tool_choice.tools');
    return { neutral: { type: mode }, wire: mode };
  }
  ignored.push(`tool_choice (${type})`);
  return AUTO;
}
