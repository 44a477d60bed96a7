/**
 * Anthropic content blocks → neutral history. A user turn may mix `tool_result` blocks with text;
 * each result becomes its own neutral `tool` message (in block order) so the prompt renderer can
 * pair it with the call. Thinking is dropped: Lingma cannot continue a Claude chain of thought,
 * and replaying it would only cost prompt space. Server-tool blocks (web search and friends ran on
 * Anthropic's side) survive as short placeholders.
 */
import type { NeutralMessage, NeutralToolCall } from '../../chat/types';
import { PLACEHOLDER } from './placeholders';
import {
  describe,
  expectNonEmptyString,
  expectObject,
  expectString,
  invalid,
  isAbsent,
  optBoolean,
  type JsonObject,
} from './validate';

const BLOCK_SEPARATOR = '\n';

/** Tool ids → names from earlier `tool_use` blocks (results do not repeat the name). */
export type ToolNames = Map<string, string>;

function blockType(block: JsonObject, param: string): string {
  return expectNonEmptyString(block.type, `${param}.type`);
}

/**
 * Text for a block that carries no structure we keep: documents, images, server tools, and block
 * types newer than this gateway (accepted rather than rejected, so new SDKs keep working).
 */
function placeholder(block: JsonObject, type: string): string {
  switch (type) {
    case 'image':
      return PLACEHOLDER.image;
    case 'document':
      return PLACEHOLDER.document;
    case 'server_tool_use':
    case 'mcp_tool_use':
      return typeof block.name === 'string' ? `[${type}: ${block.name}]` : `[${type}]`;
    default:
      return `[${type}]`;
  }
}

/**
 * Text of `search_result` / `tool_result` content: its text blocks, placeholders for the rest.
 * Only one level of search results is unpacked, so a hostile body cannot recurse without bound.
 */
function nestedText(content: unknown, param: string, unpackSearch = true): string {
  if (isAbsent(content)) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    return invalid(
      `\`${param}\` must be a string or an array of content blocks, got ${describe(content)}.`,
      param,
    );
  return content
    .map((raw, i) => {
      const p = `${param}[${i}]`;
      const block = expectObject(raw, p);
      const type = blockType(block, p);
      if (type === 'text') return expectString(block.text, `${p}.text`);
      if (type === 'search_result' && unpackSearch)
        return nestedText(block.content, `${p}.content`, false);
      return placeholder(block, type);
    })
    .filter((t) => t.length > 0)
    .join(BLOCK_SEPARATOR);
}

/** `system`: a string or an array of text blocks (`cache_control` and citations are ignored). */
export function anthropicSystemText(raw: unknown): string {
  if (isAbsent(raw)) return '';
  if (typeof raw === 'string') return raw;
  if (!Array.isArray(raw))
    return invalid(
      `\`system\` must be a string or an array of text blocks, got ${describe(raw)}.`,
      'system',
    );
  return raw
    .map((item, i) => {
      const block = expectObject(item, `system[${i}]`);
      const type = blockType(block, `system[${i}]`);
      if (type !== 'text')
        invalid(`\`system[${i}].type\` must be "text", got "${type}".`, `system[${i}].type`);
      return expectString(block.text, `system[${i}].text`);
    })
    .filter((t) => t.trim().length > 0)
    .join('\n\n');
}

/**
 * A `role: "system"` message inside `messages` (Claude Code sends them mid-conversation): its text
 * stays at its position as an instruction; non-text blocks become placeholders.
 */
export function systemTurn(content: unknown, param: string): NeutralMessage {
  if (typeof content === 'string') return { role: 'system', text: content };
  const text = contentBlocks(content, param)
    .map((block, i) => {
      const p = `${param}[${i}]`;
      const type = blockType(block, p);
      return type === 'text' ? expectString(block.text, `${p}.text`) : placeholder(block, type);
    })
    .filter((t) => t.trim().length > 0)
    .join(BLOCK_SEPARATOR);
  return { role: 'system', text };
}

function toolResultMessage(block: JsonObject, param: string, names: ToolNames): NeutralMessage {
  const callId = expectNonEmptyString(block.tool_use_id, `${param}.tool_use_id`);
  const content = nestedText(block.content, `${param}.content`);
  const isError = optBoolean(block.is_error, `${param}.is_error`) ?? false;
  const name = names.get(callId);
  const result = name === undefined ? { callId, content } : { callId, name, content };
  return { role: 'tool', text: content, toolResult: isError ? { ...result, isError } : result };
}

function toolUseCall(block: JsonObject, param: string): NeutralToolCall {
  const id = expectNonEmptyString(block.id, `${param}.id`);
  const name = expectNonEmptyString(block.name, `${param}.name`);
  const input = isAbsent(block.input) ? {} : expectObject(block.input, `${param}.input`);
  return { id, name, arguments: JSON.stringify(input) };
}

function contentBlocks(content: unknown, param: string): JsonObject[] {
  if (!Array.isArray(content))
    return invalid(
      `\`${param}\` must be a string or an array of content blocks, got ${describe(content)}.`,
      param,
    );
  return content.map((raw, i) => expectObject(raw, `${param}[${i}]`));
}

/** One user turn → user text and tool messages, in block order. */
export function userTurn(content: unknown, param: string, names: ToolNames): NeutralMessage[] {
  if (typeof content === 'string') return [{ role: 'user', text: content }];
  const out: NeutralMessage[] = [];
  let texts: string[] = [];
  const flush = (): void => {
    if (texts.length > 0) out.push({ role: 'user', text: texts.join(BLOCK_SEPARATOR) });
    texts = [];
  };
  contentBlocks(content, param).forEach((block, i) => {
    const p = `${param}[${i}]`;
    const type = blockType(block, p);
    if (type === 'text') texts.push(expectString(block.text, `${p}.text`));
    else if (type === 'tool_result') {
      flush();
      out.push(toolResultMessage(block, p, names));
    } else if (type === 'tool_use')
      invalid(`\`${p}\`: tool_use blocks belong in assistant messages.`, `${p}.type`);
    else if (type === 'search_result') texts.push(nestedText(block.content, `${p}.content`));
    else if (type !== 'thinking' && type !== 'redacted_thinking')
      texts.push(placeholder(block, type));
  });
  flush();
  // An empty block list is still a (blank) user turn: keep the turn structure intact.
  return out.length > 0 ? out : [{ role: 'user', text: '' }];
}

/** One assistant turn → text plus the `tool_use` calls it made. */
export function assistantTurn(content: unknown, param: string, names: ToolNames): NeutralMessage {
  if (typeof content === 'string') return { role: 'assistant', text: content };
  const texts: string[] = [];
  const toolCalls: NeutralToolCall[] = [];
  contentBlocks(content, param).forEach((block, i) => {
    const p = `${param}[${i}]`;
    const type = blockType(block, p);
    if (type === 'text') texts.push(expectString(block.text, `${p}.text`));
    else if (type === 'tool_use') {
      const call = toolUseCall(block, p);
      names.set(call.id, call.name);
      toolCalls.push(call);
    } else if (type === 'tool_result')
      invalid(`\`${p}\`: tool_result blocks belong in user messages.`, `${p}.type`);
    else if (type !== 'thinking' && type !== 'redacted_thinking')
      texts.push(placeholder(block, type));
  });
  const out: NeutralMessage = { role: 'assistant', text: texts.join(BLOCK_SEPARATOR) };
  if (toolCalls.length > 0) out.toolCalls = toolCalls;
  return out;
}
