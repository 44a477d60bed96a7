import type { EntryHandle } from '../logs';
import type { RequestTrace } from './engine/ports';

/** The engine's trace, written into a request-log entry. */
export function traceFor(handle: EntryHandle): RequestTrace {
  // issue 16: each ask's bytes add up to the request's upstream bytes.
  let upstreamBytes = 0;
  let upstreamAsks = 0;
  return {
    set: ({ upstreamAskBytes, ...patch }) => {
      if (upstreamAskBytes === undefined) return handle.update(patch);
      upstreamBytes += upstreamAskBytes;
      upstreamAsks += 1;
      handle.update({ ...patch, upstreamBytes, upstreamAsks });
    },
    upstreamTool: (message) => handle.addToolEvent(message),
    clientToolCall: (call) => handle.addClientToolCall(call),
    event: (kind) => handle.addTimelineEvent(kind),
  };
}

/**
 * A compact response record for streamed answers (the raw SSE would be noise): the text,
 * reasoning and calls the client received, accumulated from the neutral events.
 */
export class StreamedResponseRecord {
  text = '';
  reasoning = '';
  calls: Array<{ id: string; name: string; arguments: string }> = [];
  finishReason: string | undefined;

  add(ev: import('./translate/neutral').OutEvent): void {
    if (ev.type === 'text') this.text += ev.text;
    else if (ev.type === 'reasoning') this.reasoning += ev.text;
    else if (ev.type === 'tool_call') this.calls.push(ev.call);
    else if (ev.type === 'upstream_tool') this.calls.push(ev.call);
    else if (ev.type === 'finish') this.finishReason = ev.finishReason;
  }

  toJSON(): unknown {
    return {
      streamed: true,
      text: this.text,
      ...(this.reasoning ? { reasoning: this.reasoning } : {}),
      ...(this.calls.length ? { toolCalls: this.calls } : {}),
      finishReason: this.finishReason,
    };
  }
}
