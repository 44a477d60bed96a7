/**
 * A conversation as session reuse compares it: what the client re-sends, normalised so that what
 * real clients change between two requests of one conversation does not count as a change, and
 * turned into digests whose prefixes key the session cache.
 *
 * What does not count (seen in the captured Claude Code and Codex requests, e2e/fixtures/):
 *   - `cache_control` moving, thinking/reasoning blocks re-sent: already gone after parsing;
 *   - `<system-reminder>` blocks, inserted into user text and tool results and dropped again;
 *   - mid-conversation system messages (Claude Code's environment block, OpenAI developer
 *     messages): instructions, not turns — new ones are still sent with the next reply;
 *   - whitespace around a message, inside an answer's text (clients split and join text blocks
 *     differently), and the key order or spacing of a call's JSON arguments;
 *   - an assistant turn's text once it made calls: its calls carry the gateway's own ids, which
 *     name the turn exactly (clients may drop or re-split the text around them).
 * Consecutive assistant messages are one turn (Responses lists a turn's text and calls as items).
 */
import { createHash } from 'node:crypto';
import type { NeutralMessage, NeutralRequest, NeutralToolCall } from './types';

const REMINDER_OPEN = '<system-reminder>';
const REMINDER = /<system-reminder>[\s\S]*?<\/system-reminder>/g;

/**
 * Text as compared: reminders out, trimmed. Inner whitespace is kept: user text and tool results
 * can be large, and clients re-send them as they were (only an answer's text is re-split).
 */
export function normaliseText(text: string): string {
  return (text.includes(REMINDER_OPEN) ? text.replace(REMINDER, ' ') : text).trim();
}

/** An answer's text as compared: without any whitespace (short; clients re-split its blocks). */
function answerText(text: string): string {
  return normaliseText(text).replace(/\s+/g, '');
}

function stable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stable);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = stable((v as Record<string, unknown>)[k]);
  return out;
}

/** Arguments as compared: JSON with sorted keys, or the normalised text when not JSON. */
export function canonicalArguments(args: string): string {
  try {
    return JSON.stringify(stable(JSON.parse(args) as unknown));
  } catch {
    return normaliseText(args);
  }
}

function digest(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('base64url').slice(0, 22);
}

/** An assistant turn's content as compared; '' for a turn that says nothing. */
function assistantContent(text: string, calls: readonly NeutralToolCall[]): string {
  if (calls.length > 0)
    return `C${calls.map((c) => `${c.id}\u0001${c.name}\u0001${canonicalArguments(c.arguments)}`).join('\u0002')}`;
  const t = answerText(text);
  return t ? `X${t}` : '';
}

/** The digest of an answer as the client received it (the turn the session now holds). */
export function answerDigest(text: string, calls: readonly NeutralToolCall[]): string | undefined {
  const content = assistantContent(text, calls);
  return content ? digest('assistant', content) : undefined;
}

/** One comparable message of a request. */
export interface Comparable {
  digest: string;
  /** Index in `req.messages` of the last message this item stands for. */
  end: number;
  assistant: boolean;
}

/** The comparable messages of `messages`, in order (see the file comment for what is skipped). */
export function comparables(messages: readonly NeutralMessage[]): Comparable[] {
  const out: Comparable[] = [];
  let text = '';
  let calls: NeutralToolCall[] = [];
  let open = -1;
  const flush = (): void => {
    if (open < 0) return;
    const content = assistantContent(text, calls);
    if (content) out.push({ digest: digest('assistant', content), end: open, assistant: true });
    text = '';
    calls = [];
    open = -1;
  };
  messages.forEach((m, i) => {
    if (m.role === 'assistant') {
      text = text ? `${text}\n${m.text}` : m.text;
      if (m.toolCalls?.length) calls = [...calls, ...m.toolCalls];
      open = i;
      return;
    }
    if (m.role === 'system') return;
    flush();
    if (m.role === 'user') {
      const t = normaliseText(m.text);
      if (t) out.push({ digest: digest('user', t), end: i, assistant: false });
      return;
    }
    const r = m.toolResult ?? { callId: '', content: m.text };
    const content = normaliseText(r.content);
    out.push({
      digest: digest('tool', r.callId, r.isError ? 'error' : 'ok', content),
      end: i,
      assistant: false,
    });
  });
  flush();
  return out;
}

/**
 * The digest of what a session is started with: the API-key scope (reuse never crosses keys),
 * the chat mode, the system prompt and the tool block (tools only when offered: `tool_choice:
 * none` renders none).
 */
export function headDigest(req: NeutralRequest, scope: string, mode: string): string {
  const offered = req.tools.length > 0 && req.toolChoice.type !== 'none';
  const tools = offered
    ? JSON.stringify(
        req.tools.map((t) => [
          t.name,
          t.description ?? '',
          t.parameters,
          t.kind ?? '',
          t.format ?? '',
        ]),
      )
    : '';
  return digest(scope, mode, req.system.trim(), tools);
}

/** The key of a conversation prefix: the head, then each item digest in order. */
export function prefixKeys(head: string, items: readonly string[]): string[] {
  const keys = [digest('prefix', head)];
  for (const item of items) keys.push(digest(keys[keys.length - 1] as string, item));
  return keys;
}

/** Extends prefix keys by more items (the key after a turn continues from the request's). */
export function extendKey(key: string, items: readonly string[]): string {
  let k = key;
  for (const item of items) k = digest(k, item);
  return k;
}
