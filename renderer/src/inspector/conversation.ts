/**
 * A logged request and its answer as a conversation (issue 16): the system prompt, user and
 * assistant turns, tool calls and tool results and reasoning, read from the stored bodies of each
 * API (OpenAI chat, Anthropic messages, Responses). Pure and defensive: bodies are whatever a
 * client sent (already redacted and capped by the core), so anything unexpected is skipped, never
 * thrown on. A body cut to text by the size cap cannot be read as messages: `cut` says so.
 */

export type ConvPart =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  | { kind: 'tool_call'; id?: string; name: string; args: string }
  | { kind: 'tool_result'; id?: string; text: string; isError?: boolean }
  /** An image or a file the request carried (`name` when the client gave one). */
  | { kind: 'attachment'; what: 'image' | 'file'; name?: string };

export type ConvRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ConvMessage {
  role: ConvRole;
  parts: ConvPart[];
  /** The answer the gateway gave (from the response body). */
  answer?: boolean;
}

export interface Conversation {
  messages: ConvMessage[];
  /** A body was cut to text by the size cap: only the raw view shows it. */
  cut: { request: boolean; response: boolean };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const json = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

function role(r: unknown): ConvRole {
  if (r === 'system' || r === 'developer') return 'system';
  if (r === 'assistant' || r === 'model') return 'assistant';
  if (r === 'tool' || r === 'function') return 'tool';
  return 'user';
}

/** Text of a content value: a string, or text blocks of any of the three APIs. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr(content)
    .map((b) => (isObj(b) ? (str(b.text) ?? str(b.content) ?? '') : ''))
    .filter(Boolean)
    .join('\n');
}

/** One content block (any API) as a part, or undefined when it says nothing to a reader. */
function blockPart(b: unknown): ConvPart | undefined {
  if (typeof b === 'string') return b ? { kind: 'text', text: b } : undefined;
  if (!isObj(b)) return undefined;
  const type = str(b.type) ?? 'text';
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return str(b.text) ? { kind: 'text', text: b.text as string } : undefined;
    case 'thinking':
      return str(b.thinking) ? { kind: 'reasoning', text: b.thinking as string } : undefined;
    case 'redacted_thinking':
      return { kind: 'reasoning', text: '…' };
    case 'tool_use':
    case 'server_tool_use':
      return { kind: 'tool_call', id: str(b.id), name: str(b.name) ?? '?', args: json(b.input) };
    case 'tool_result':
      return {
        kind: 'tool_result',
        id: str(b.tool_use_id),
        text: textOf(b.content),
        ...(b.is_error === true ? { isError: true } : {}),
      };
    case 'image':
    case 'image_url':
    case 'input_image':
      return { kind: 'attachment', what: 'image' };
    case 'document':
    case 'file':
    case 'input_file':
      return str(b.filename)
        ? { kind: 'attachment', what: 'file', name: b.filename as string }
        : { kind: 'attachment', what: 'file' };
    default:
      return str(b.text) ? { kind: 'text', text: b.text as string } : undefined;
  }
}

function partsOf(content: unknown): ConvPart[] {
  if (typeof content === 'string') return content ? [{ kind: 'text', text: content }] : [];
  return arr(content).flatMap((b) => blockPart(b) ?? []);
}

/** OpenAI chat `messages` (also the system/developer turns). */
function openAiMessages(messages: unknown[]): ConvMessage[] {
  return messages.flatMap((m): ConvMessage[] => {
    if (!isObj(m)) return [];
    const r = role(m.role);
    const parts: ConvPart[] = [];
    const reasoning = str(m.reasoning_content) ?? str(m.reasoning);
    if (reasoning) parts.push({ kind: 'reasoning', text: reasoning });
    if (r === 'tool') {
      parts.push({ kind: 'tool_result', id: str(m.tool_call_id), text: textOf(m.content) });
    } else parts.push(...partsOf(m.content));
    for (const c of arr(m.tool_calls)) {
      if (!isObj(c)) continue;
      const fn = isObj(c.function) ? c.function : c;
      parts.push({
        kind: 'tool_call',
        id: str(c.id),
        name: str(fn.name) ?? '?',
        args: json(fn.arguments),
      });
    }
    return parts.length ? [{ role: r, parts }] : [];
  });
}

/** Responses `input` / `output` items. */
function responseItems(items: unknown[], answer = false): ConvMessage[] {
  const out: ConvMessage[] = [];
  for (const it of items) {
    if (typeof it === 'string') {
      out.push({ role: 'user', parts: [{ kind: 'text', text: it }] });
      continue;
    }
    if (!isObj(it)) continue;
    const type = str(it.type) ?? 'message';
    const part = ((): [ConvRole, ConvPart] | undefined => {
      switch (type) {
        case 'function_call':
        case 'custom_tool_call':
          return [
            'assistant',
            {
              kind: 'tool_call',
              id: str(it.call_id),
              name: str(it.name) ?? '?',
              args: json(it.arguments ?? it.input),
            },
          ];
        case 'function_call_output':
        case 'custom_tool_call_output':
          return ['tool', { kind: 'tool_result', id: str(it.call_id), text: textOf(it.output) }];
        case 'reasoning':
          return [
            'assistant',
            { kind: 'reasoning', text: textOf(it.summary) || textOf(it.content) },
          ];
        default:
          return undefined;
      }
    })();
    if (part) out.push({ role: part[0], parts: [part[1]], ...(answer ? { answer } : {}) });
    else if (type === 'message') {
      const parts = partsOf(it.content);
      if (parts.length) out.push({ role: role(it.role), parts, ...(answer ? { answer } : {}) });
    }
  }
  return out;
}

function requestMessages(protocol: string, body: Obj): ConvMessage[] {
  const out: ConvMessage[] = [];
  if (protocol === 'anthropic' || (body.system !== undefined && protocol !== 'openai')) {
    const system = partsOf(body.system);
    if (system.length) out.push({ role: 'system', parts: system });
  }
  if (protocol === 'responses' || body.input !== undefined) {
    const instructions = str(body.instructions);
    if (instructions) out.push({ role: 'system', parts: [{ kind: 'text', text: instructions }] });
    const input = typeof body.input === 'string' ? [body.input] : arr(body.input);
    out.push(...responseItems(input));
    return out;
  }
  if (protocol === 'anthropic') {
    for (const m of arr(body.messages)) {
      if (!isObj(m)) continue;
      const parts = partsOf(m.content);
      // A user turn made only of tool results reads as tool output.
      const r =
        parts.length > 0 && parts.every((p) => p.kind === 'tool_result') ? 'tool' : role(m.role);
      if (parts.length) out.push({ role: r, parts });
    }
    return out;
  }
  return out.concat(openAiMessages(arr(body.messages)));
}

function responseMessages(body: Obj): ConvMessage[] {
  const mark = (ms: ConvMessage[]) => ms.map((m) => ({ ...m, answer: true }));
  if (body.streamed === true) {
    // The core's compact record of a streamed answer (gateway/request-log.ts).
    const parts: ConvPart[] = [];
    if (str(body.reasoning)) parts.push({ kind: 'reasoning', text: body.reasoning as string });
    if (str(body.text)) parts.push({ kind: 'text', text: body.text as string });
    for (const c of arr(body.toolCalls)) {
      if (isObj(c)) {
        parts.push({
          kind: 'tool_call',
          id: str(c.id),
          name: str(c.name) ?? '?',
          args: json(c.arguments),
        });
      }
    }
    return parts.length ? [{ role: 'assistant', parts, answer: true }] : [];
  }
  if (Array.isArray(body.choices)) {
    const first = body.choices[0];
    return isObj(first) && isObj(first.message) ? mark(openAiMessages([first.message])) : [];
  }
  if (Array.isArray(body.output)) return responseItems(body.output, true);
  if (Array.isArray(body.content)) {
    const parts = partsOf(body.content);
    return parts.length ? [{ role: 'assistant', parts, answer: true }] : [];
  }
  return [];
}

/** The conversation of one logged request (see the file comment). */
export function conversationOf(
  protocol: string,
  requestBody: unknown,
  responseBody: unknown,
): Conversation {
  const messages: ConvMessage[] = [];
  if (isObj(requestBody)) messages.push(...requestMessages(protocol, requestBody));
  if (isObj(responseBody)) messages.push(...responseMessages(responseBody));
  return {
    messages,
    cut: { request: typeof requestBody === 'string', response: typeof responseBody === 'string' },
  };
}
