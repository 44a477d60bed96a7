/**
 * Responses `input` items → neutral history. The same builder turns a stored response's output
 * items into history (output items are valid input items), so a `previous_response_id` follow-up
 * sees exactly what a client replaying the output by hand would send.
 */
import type { NeutralMessage, NeutralToolCall } from '../../../chat/types';
import {
  argumentsText,
  describe,
  expectNonEmptyString,
  expectObject,
  expectString,
  invalid,
  isAbsent,
  type JsonObject,
} from '../validate';

/** Lingma chat is text only; attachments become placeholders the model can still mention. */
const PLACEHOLDER = { image: '[image]', file: '[file]', audio: '[audio]' } as const;

/** Content parts of one message are separate paragraphs of its text. */
const PART_SEPARATOR = '\n';

const MESSAGE_ROLES = new Set(['user', 'assistant', 'system', 'developer']);

const SUPPORTED_ITEM_TYPES = [
  'message',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'local_shell_call_output',
  'reasoning',
  'item_reference',
];

/**
 * Items of OpenAI-hosted or non-function tools. Clients such as Codex replay them in history; they
 * cannot mean anything to Lingma, so they are dropped with a note instead of failing the turn.
 */
const DROPPED_ITEM_TYPES = new Set([
  'additional_tools',
  'apply_patch_call',
  'apply_patch_call_output',
  'code_interpreter_call',
  'compaction',
  'compaction_trigger',
  'computer_call',
  'computer_call_output',
  'file_search_call',
  'image_generation_call',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'mcp_list_tools',
  'program',
  'program_output',
  'shell_call',
  'shell_call_output',
  'tool_search_call',
  'tool_search_output',
  'web_search_call',
]);

function partText(part: unknown, param: string): string {
  const p = expectObject(part, param);
  const type = expectString(p.type, `${param}.type`);
  switch (type) {
    case 'input_text':
    case 'output_text':
      return expectString(p.text, `${param}.text`);
    case 'refusal':
      return expectString(p.refusal, `${param}.refusal`);
    case 'input_image':
      return PLACEHOLDER.image;
    case 'input_file':
      return PLACEHOLDER.file;
    case 'input_audio':
      return PLACEHOLDER.audio;
    default:
      return invalid(
        `Invalid value: '${type}'. Supported content part types are: input_text, output_text, ` +
          `refusal, input_image, input_file, input_audio.`,
        `${param}.type`,
      );
  }
}

/** Message content or a function output: a string or a list of content parts. */
export function contentText(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  if (isAbsent(content)) return invalid(`\`${param}\` is required.`, param);
  if (!Array.isArray(content))
    return invalid(
      `\`${param}\` must be a string or an array of content parts, got ${describe(content)}.`,
      param,
    );
  return content
    .map((part, i) => partText(part, `${param}[${i}]`))
    .filter((text) => text.length > 0)
    .join(PART_SEPARATOR);
}

/** How the builder finds the item an `item_reference` points at (undefined when unknown). */
export type ReferenceResolver = (id: string) => unknown;

/**
 * Accumulates history from items in order. System and developer messages go to `system` (the
 * neutral request keeps instructions apart from turns); unsupported items land in `ignored`.
 */
export class HistoryBuilder {
  readonly messages: NeutralMessage[];
  readonly system: string[] = [];
  /** Notes for `ignoredParams`, e.g. `input[3] (web_search_call)`. */
  readonly ignored: string[] = [];
  private readonly callNames = new Map<string, string>();

  constructor(
    prior: readonly NeutralMessage[] = [],
    private readonly resolveReference: ReferenceResolver = () => undefined,
  ) {
    // Copied, and only ever replaced element-wise, so stored history is never mutated.
    this.messages = [...prior];
    for (const m of prior) for (const c of m.toolCalls ?? []) this.callNames.set(c.id, c.name);
  }

  /** Adds one input item; `param` is its path for error messages, e.g. `input[2]`. */
  add(item: unknown, param: string): void {
    this.addItem(item, param, true);
  }

  private addItem(item: unknown, param: string, followReferences: boolean): void {
    const obj = expectObject(item, param);
    const type = itemType(obj, param);
    switch (type) {
      case 'message':
        return this.addMessage(obj, param);
      case 'function_call':
        return this.addCall(callOf(obj, param));
      case 'custom_tool_call':
        return this.addCall(customCallOf(obj, param));
      case 'local_shell_call':
        return this.addCall(localShellCallOf(obj, param));
      case 'function_call_output':
      case 'custom_tool_call_output':
        return this.addCallOutput(obj, param, 'call_id');
      case 'local_shell_call_output':
        // The SDK names the call by `id`; Codex sends `call_id`.
        return this.addCallOutput(obj, param, isAbsent(obj.call_id) ? 'id' : 'call_id');
      case 'reasoning':
        // Summaries of earlier thinking are not replayed: Lingma reasons afresh every turn.
        return;
      case 'item_reference': {
        const id = expectNonEmptyString(obj.id, `${param}.id`);
        const target = followReferences ? this.resolveReference(id) : undefined;
        if (target === undefined) this.ignored.push(`${param} (item_reference ${id})`);
        else this.addItem(target, param, false);
        return;
      }
      default:
        if (DROPPED_ITEM_TYPES.has(type)) {
          this.ignored.push(`${param} (${type})`);
          return;
        }
        invalid(
          `Invalid value: '${type}'. Supported values are: ${SUPPORTED_ITEM_TYPES.join(', ')}.`,
          `${param}.type`,
        );
    }
  }

  private addMessage(obj: JsonObject, param: string): void {
    const role = expectString(obj.role, `${param}.role`);
    if (!MESSAGE_ROLES.has(role))
      invalid(
        `Invalid value: '${role}'. Supported values are: user, assistant, system, developer.`,
        `${param}.role`,
      );
    const text = contentText(obj.content, `${param}.content`);
    if (role === 'system' || role === 'developer') {
      // Leading instructions form the system block; later ones stay at their position.
      if (text.length === 0) return;
      if (this.messages.length === 0) this.system.push(text);
      else this.messages.push({ role: 'system', text });
    } else {
      this.messages.push({ role: role === 'user' ? 'user' : 'assistant', text });
    }
  }

  private addCall(call: NeutralToolCall): void {
    this.callNames.set(call.id, call.name);
    // Responses history lists an assistant turn's text and its calls as sibling items; the
    // neutral shape keeps them on one assistant message.
    const lastIndex = this.messages.length - 1;
    const last = this.messages[lastIndex];
    if (last?.role === 'assistant') {
      this.messages[lastIndex] = { ...last, toolCalls: [...(last.toolCalls ?? []), call] };
    } else {
      this.messages.push({ role: 'assistant', text: '', toolCalls: [call] });
    }
  }

  private addCallOutput(obj: JsonObject, param: string, idKey: 'call_id' | 'id'): void {
    const callId = expectNonEmptyString(obj[idKey], `${param}.${idKey}`);
    const content = contentText(obj.output, `${param}.output`);
    const name = this.callNames.get(callId);
    this.messages.push({
      role: 'tool',
      text: '',
      toolResult: name === undefined ? { callId, content } : { callId, name, content },
    });
  }
}

/** A namespaced call reads `namespace.name`, the name the model was offered. */
function qualified(obj: JsonObject, param: string, name: string): string {
  const namespace = isAbsent(obj.namespace)
    ? ''
    : expectString(obj.namespace, `${param}.namespace`);
  return namespace ? `${namespace}.${name}` : name;
}

function callOf(obj: JsonObject, param: string): NeutralToolCall {
  return {
    id: expectNonEmptyString(obj.call_id, `${param}.call_id`),
    name: qualified(obj, param, expectNonEmptyString(obj.name, `${param}.name`)),
    arguments: argumentsText(obj.arguments, `${param}.arguments`),
  };
}

/** A free-form call is replayed the way it was offered: `{"input": "…"}`. */
function customCallOf(obj: JsonObject, param: string): NeutralToolCall {
  return {
    id: expectNonEmptyString(obj.call_id, `${param}.call_id`),
    name: qualified(obj, param, expectNonEmptyString(obj.name, `${param}.name`)),
    arguments: JSON.stringify({ input: expectString(obj.input, `${param}.input`) }),
  };
}

/** A local shell call is replayed as a `local_shell` call with its action's fields. */
function localShellCallOf(obj: JsonObject, param: string): NeutralToolCall {
  const action = expectObject(obj.action, `${param}.action`);
  const { type: _type, ...args } = action;
  return {
    id: expectNonEmptyString(obj.call_id, `${param}.call_id`),
    name: 'local_shell',
    arguments: JSON.stringify(args),
  };
}

/** Easy-input messages may omit `type` and carry only a `role`. */
function itemType(obj: JsonObject, param: string): string {
  if (!isAbsent(obj.type)) return expectString(obj.type, `${param}.type`);
  if (!isAbsent(obj.role)) return 'message';
  return invalid(`\`${param}.type\` is required.`, `${param}.type`);
}

/** Neutral history for a list of items that are known to be well-formed (stored output). */
export function itemsToHistory(
  prior: readonly NeutralMessage[],
  items: readonly unknown[],
): NeutralMessage[] {
  const builder = new HistoryBuilder(prior);
  items.forEach((item, i) => builder.add(item, `output[${i}]`));
  return builder.messages;
}
