/**
 * Responses `tools` and `tool_choice`. Only function tools reach Lingma (through the tool-call
 * emulation); hosted tools (web_search, file_search, computer, mcp, custom grammars…) have no
 * upstream equivalent and are noted as ignored rather than failing clients that always send them.
 */
import type { ToolChoice, ToolDef } from '../neutral';
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

/** `tools`: function tools become ToolDefs; other types are pushed to `ignored`. */
export function parseTools(value: unknown, ignored: string[]): ParsedTools {
  const defs: ToolDef[] = [];
  const wire: FunctionToolWire[] = [];
  (optArray(value, 'tools') ?? []).forEach((tool, i) => {
    const param = `tools[${i}]`;
    const obj = expectObject(tool, param);
    const type = expectString(obj.type, `${param}.type`);
    if (type !== 'function') {
      ignored.push(`${param} (${type})`);
      return;
    }
    const name = expectNonEmptyString(obj.name, `${param}.name`);
    const description = optString(obj.description, `${param}.description`);
    const parameters = optObject(obj.parameters, `${param}.parameters`);
    const strict = optBoolean(obj.strict, `${param}.strict`);
    defs.push({
      name,
      ...(description === undefined ? {} : { description }),
      parameters: parameters ?? { ...EMPTY_SCHEMA },
    });
    wire.push({
      type: 'function',
      name,
      description: description ?? null,
      parameters: parameters ?? null,
      strict: strict ?? null,
    });
  });
  return { defs, wire };
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
