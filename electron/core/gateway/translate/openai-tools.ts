/**
 * OpenAI `tools` / `tool_choice` and their legacy forms `functions` / `function_call`.
 */
import type { ToolChoice, ToolDef } from '../../chat/types';
import {
  describe,
  expectNonEmptyString,
  expectObject,
  expectString,
  invalid,
  isAbsent,
  optArray,
  optObject,
  optString,
  type JsonObject,
} from './validate';

/** A function without `parameters` takes no arguments (OpenAI documents exactly this default). */
const NO_PARAMETERS: Record<string, unknown> = { type: 'object', properties: {} };

function functionDef(fn: JsonObject, param: string): ToolDef {
  const name = expectNonEmptyString(fn.name, `${param}.name`);
  const description = optString(fn.description, `${param}.description`);
  const parameters = optObject(fn.parameters, `${param}.parameters`) ?? NO_PARAMETERS;
  return description === undefined ? { name, parameters } : { name, description, parameters };
}

/** Parsed tool definitions. */
export interface OpenAiTools {
  tools: ToolDef[];
  /** Tools that cannot be emulated (grammar-based `custom` tools), for `ignoredParams`. */
  ignored: string[];
}

/** `tools` (type `function`), falling back to the legacy `functions` list. */
export function parseOpenAiTools(body: JsonObject): OpenAiTools {
  const tools: ToolDef[] = [];
  const ignored: string[] = [];
  optArray(body.tools, 'tools')?.forEach((raw, i) => {
    const param = `tools[${i}]`;
    const tool = expectObject(raw, param);
    const type = expectString(tool.type, `${param}.type`);
    if (type === 'function') {
      tools.push(
        functionDef(expectObject(tool.function, `${param}.function`), `${param}.function`),
      );
    } else if (type === 'custom') {
      ignored.push(`${param} (custom tool)`);
    } else {
      invalid(`\`${param}.type\` must be "function" or "custom", got "${type}".`, `${param}.type`);
    }
  });
  optArray(body.functions, 'functions')?.forEach((raw, i) => {
    tools.push(functionDef(expectObject(raw, `functions[${i}]`), `functions[${i}]`));
  });
  return { tools, ignored };
}

function namedChoice(value: JsonObject, param: string): ToolChoice {
  const fn = expectObject(value.function, `${param}.function`);
  return { type: 'tool', name: expectNonEmptyString(fn.name, `${param}.function.name`) };
}

function choiceFromString(value: string, param: string, legacy: boolean): ToolChoice {
  if (value === 'auto' || value === 'none') return { type: value };
  if (value === 'required' && !legacy) return { type: 'required' };
  const allowed = legacy ? '"auto" or "none"' : '"auto", "none" or "required"';
  return invalid(`\`${param}\` must be ${allowed} or an object, got "${value}".`, param);
}

/** Parsed tool choice, with the parts that cannot be honoured. */
export interface OpenAiToolChoice {
  choice: ToolChoice;
  ignored: string[];
}

/** `tool_choice`, falling back to the legacy `function_call`; `auto` when neither is sent. */
export function parseOpenAiToolChoice(body: JsonObject): OpenAiToolChoice {
  const raw = body.tool_choice;
  if (isAbsent(raw)) return { choice: legacyChoice(body.function_call), ignored: [] };
  if (typeof raw === 'string')
    return { choice: choiceFromString(raw, 'tool_choice', false), ignored: [] };
  const obj = expectObject(raw, 'tool_choice');
  const type = expectString(obj.type, 'tool_choice.type');
  switch (type) {
    case 'function':
      return { choice: namedChoice(obj, 'tool_choice'), ignored: [] };
    case 'allowed_tools': {
      // The tool subset cannot be enforced by prompt emulation; the mode still can.
      const allowed = expectObject(obj.allowed_tools, 'tool_choice.allowed_tools');
      const mode = expectString(allowed.mode, 'tool_choice.allowed_tools.mode');
      if (mode !== 'auto' && mode !== 'required')
        invalid(
          `\`tool_choice.allowed_tools.mode\` must be "auto" or "required", got "${mode}".`,
          'tool_choice.allowed_tools.mode',
        );
      return { choice: { type: mode }, ignored: ['tool_choice.allowed_tools.tools'] };
    }
    case 'custom':
      return { choice: { type: 'auto' }, ignored: ['tool_choice (custom tool)'] };
    default:
      return invalid(
        `\`tool_choice.type\` must be "function", "allowed_tools" or "custom", got "${type}".`,
        'tool_choice.type',
      );
  }
}

function legacyChoice(raw: unknown): ToolChoice {
  if (isAbsent(raw)) return { type: 'auto' };
  if (typeof raw === 'string') return choiceFromString(raw, 'function_call', true);
  if (typeof raw !== 'object' || Array.isArray(raw))
    return invalid(
      `\`function_call\` must be a string or an object, got ${describe(raw)}.`,
      'function_call',
    );
  const obj = expectObject(raw, 'function_call');
  return { type: 'tool', name: expectNonEmptyString(obj.name, 'function_call.name') };
}
