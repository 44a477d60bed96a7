/**
 * OpenAI `messages` → neutral history. Leading system and developer turns become the instruction
 * block; later ones stay at their position as `system` turns (clients insert reminders
 * mid-conversation). Tool calls and results are kept structured so the prompt renderer can replay
 * them as text and pair each result with its call's name.
 */
import type { NeutralMessage, NeutralToolCall } from '../../chat/types';
import { openAiContentText } from './openai-content';
import {
  argumentsText,
  expectArray,
  expectNonEmptyString,
  expectObject,
  expectString,
  invalid,
  isAbsent,
  optArray,
  optString,
  type JsonObject,
} from './validate';

const ROLES = 'system, developer, user, assistant, tool, function';

/** The history of a chat request, split into instructions and turns. */
export interface OpenAiHistory {
  /** Leading system and developer contents in order, blank-line separated. */
  system: string;
  messages: NeutralMessage[];
}

/** Per-parse state: call ids seen so far, so later results can name their tool. */
class CallIndex {
  private readonly names = new Map<string, string>();
  /** Legacy `function_call`s have no id; a later `function` turn pairs by name. */
  private readonly legacyIds = new Map<string, string>();

  add(call: NeutralToolCall, legacy: boolean): void {
    this.names.set(call.id, call.name);
    if (legacy) this.legacyIds.set(call.name, call.id);
  }

  nameOf(id: string): string | undefined {
    return this.names.get(id);
  }

  legacyIdOf(name: string): string | undefined {
    return this.legacyIds.get(name);
  }
}

function toolCall(raw: unknown, param: string, fallbackId: string): NeutralToolCall {
  const call = expectObject(raw, param);
  const type = optString(call.type, `${param}.type`) ?? 'function';
  const id = optString(call.id, `${param}.id`) || fallbackId;
  if (type === 'custom') {
    // A grammar tool's call from an earlier turn: keep it readable in the transcript.
    const custom = expectObject(call.custom, `${param}.custom`);
    const name = expectNonEmptyString(custom.name, `${param}.custom.name`);
    return { id, name, arguments: argumentsText(custom.input, `${param}.custom.input`) };
  }
  if (type !== 'function')
    invalid(`\`${param}.type\` must be "function", got "${type}".`, `${param}.type`);
  const fn = expectObject(call.function, `${param}.function`);
  const name = expectNonEmptyString(fn.name, `${param}.function.name`);
  return { id, name, arguments: argumentsText(fn.arguments, `${param}.function.arguments`) };
}

function assistantMessage(
  m: JsonObject,
  param: string,
  index: number,
  calls: CallIndex,
): NeutralMessage {
  let text = openAiContentText(m.content, `${param}.content`, true);
  const refusal = optString(m.refusal, `${param}.refusal`);
  if (!text && refusal) text = refusal;
  const toolCalls: NeutralToolCall[] = [];
  optArray(m.tool_calls, `${param}.tool_calls`)?.forEach((raw, j) => {
    const call = toolCall(raw, `${param}.tool_calls[${j}]`, `call_m${index}_${j}`);
    calls.add(call, false);
    toolCalls.push(call);
  });
  if (!isAbsent(m.function_call)) {
    const fc = expectObject(m.function_call, `${param}.function_call`);
    const call: NeutralToolCall = {
      id: `call_m${index}`,
      name: expectNonEmptyString(fc.name, `${param}.function_call.name`),
      arguments: argumentsText(fc.arguments, `${param}.function_call.arguments`),
    };
    calls.add(call, true);
    toolCalls.push(call);
  }
  const out: NeutralMessage = { role: 'assistant', text };
  if (toolCalls.length > 0) out.toolCalls = toolCalls;
  return out;
}

function toolMessage(m: JsonObject, param: string, calls: CallIndex): NeutralMessage {
  const callId = expectNonEmptyString(m.tool_call_id, `${param}.tool_call_id`);
  const content = openAiContentText(m.content, `${param}.content`, false);
  const name = calls.nameOf(callId);
  return {
    role: 'tool',
    text: content,
    toolResult: name === undefined ? { callId, content } : { callId, name, content },
  };
}

function functionMessage(m: JsonObject, param: string, calls: CallIndex): NeutralMessage {
  const name = expectNonEmptyString(m.name, `${param}.name`);
  const content = openAiContentText(m.content, `${param}.content`, true);
  const callId = calls.legacyIdOf(name) ?? `call_${name}`;
  return { role: 'tool', text: content, toolResult: { callId, name, content } };
}

/** Parses and validates `messages` (required, non-empty). */
export function parseOpenAiMessages(raw: unknown): OpenAiHistory {
  if (isAbsent(raw)) invalid('`messages` is required.', 'messages');
  const list = expectArray(raw, 'messages');
  if (list.length === 0) invalid('`messages` must contain at least one message.', 'messages');
  const system: string[] = [];
  const messages: NeutralMessage[] = [];
  const calls = new CallIndex();
  list.forEach((item, i) => {
    const param = `messages[${i}]`;
    const m = expectObject(item, param);
    if (isAbsent(m.role)) invalid(`\`${param}.role\` is required.`, `${param}.role`);
    const role = expectString(m.role, `${param}.role`);
    switch (role) {
      case 'system':
      case 'developer': {
        const text = openAiContentText(m.content, `${param}.content`, false);
        if (!text.trim()) break;
        if (messages.length === 0) system.push(text);
        else messages.push({ role: 'system', text });
        break;
      }
      case 'user':
        messages.push({
          role: 'user',
          text: openAiContentText(m.content, `${param}.content`, false),
        });
        break;
      case 'assistant':
        messages.push(assistantMessage(m, param, i, calls));
        break;
      case 'tool':
        messages.push(toolMessage(m, param, calls));
        break;
      case 'function':
        messages.push(functionMessage(m, param, calls));
        break;
      default:
        invalid(`\`${param}.role\` must be one of ${ROLES}; got "${role}".`, `${param}.role`);
    }
  });
  return { system: system.join('\n\n'), messages };
}
