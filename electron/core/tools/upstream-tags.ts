/**
 * Lingma's `tool/call/sync` has no tool name (§9): the name only shows up in the answer text, as a
 * fenced block tagged ```toolCall::<name>::<toolCallId>::<status>. These helpers read those tags.
 */

/** One ```toolCall::… tag found in answer text. */
export interface ToolCallTag {
  name: string;
  toolCallId: string;
  /** The status written in the tag (e.g. `FINISHED`), when present. */
  status?: string;
}

/** A tag's info string, up to the end of its line or the next backtick (or the end of text). */
const TAG = /```[ \t]*toolCall::([^\r\n`]*?)(?=[\r\n`]|$)/g;
/** The same, but only when the terminator has arrived. */
const TERMINATED_TAG = /```[ \t]*toolCall::([^\r\n`]*?)(?=[\r\n`])/g;

function readTag(info: string): ToolCallTag | undefined {
  const [name, toolCallId, status] = info.split('::').map((s) => s.trim());
  if (!name || !toolCallId) return undefined;
  return status ? { name, toolCallId, status } : { name, toolCallId };
}

/** Every well-formed tag in `text`, in order. A tag at the very end of `text` counts as complete. */
export function extractToolCallTags(text: string): ToolCallTag[] {
  return collect(text, TAG);
}

function collect(text: string, pattern: RegExp): ToolCallTag[] {
  const tags: ToolCallTag[] = [];
  for (const m of text.matchAll(pattern)) {
    const tag = readTag(m[1] ?? '');
    if (tag) tags.push(tag);
  }
  return tags;
}

/** Longest unterminated line kept while waiting for its end; a tag line is far shorter. */
const MAX_PENDING = 4096;
/** How far back an unfinished tag may start when a long line is cut. */
const KEEP_TAIL = 512;

/**
 * Finds tags in a streamed answer. Only complete lines are read, so a tag is never taken while its
 * info string may still grow; `end()` reads the last line.
 */
export class ToolCallTagScanner {
  private pending = '';

  /** Tags completed by `delta`. */
  push(delta: string): ToolCallTag[] {
    this.pending += delta;
    const cut = this.pending.lastIndexOf('\n');
    if (cut < 0) {
      if (this.pending.length <= MAX_PENDING) return [];
      // A very long line: read the tags complete in it, keep from the last fence (maybe a tag).
      // A tag may be read twice that way; callers only map ids to names, so that is harmless.
      const fence = this.pending.lastIndexOf('```');
      const keepFrom =
        fence >= 0 && fence >= this.pending.length - KEEP_TAIL ? fence : this.pending.length - 2;
      const tags = collect(this.pending, TERMINATED_TAG);
      this.pending = this.pending.slice(keepFrom);
      return tags;
    }
    const complete = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut + 1);
    return extractToolCallTags(complete);
  }

  /** Tags on the final line. */
  end(): ToolCallTag[] {
    const tags = extractToolCallTags(this.pending);
    this.pending = '';
    return tags;
  }
}

/**
 * Names learnt from the tags of one streamed answer, for the request log: `tool/call/sync` has no
 * name, and the log sees the raw upstream messages (with or without the bridge).
 */
export class ToolCallNames {
  private readonly scanner = new ToolCallTagScanner();
  private readonly names = new Map<string, string>();

  /** Reads the tags an answer delta completes. */
  observe(delta: string): void {
    for (const tag of this.scanner.push(delta)) this.names.set(tag.toolCallId, tag.name);
  }

  /** The message with its tool's name added when it carries none and a tag named it. */
  named<M extends { params: Record<string, unknown> }>(message: M): M {
    const p = message.params;
    if (typeof p.name === 'string' && p.name !== '') return message;
    const name = typeof p.toolCallId === 'string' ? this.names.get(p.toolCallId) : undefined;
    return name ? { ...message, params: { ...p, name } } : message;
  }
}
