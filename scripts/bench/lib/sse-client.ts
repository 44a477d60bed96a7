/**
 * A lean HTTP client for the gateway: raw node:http with a keep-alive agent, timing the first
 * answer text and the end of the response, and counting SSE frames without parsing their JSON, so
 * the load generator stays cheap next to the process it measures.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface GatewayTarget {
  baseUrl: string;
  apiKey: string;
  /** Replaced by freshSockets(). */
  agent: Agent;
}

export interface CallResult {
  status: number;
  /** Until the first frame that carries answer text (streams) or the first body byte. */
  ttfbMs: number;
  totalMs: number;
  /** SSE frames received (0 for JSON answers). */
  frames: number;
  bytes: number;
}

/** A content delta of either surface: OpenAI `"content":"x`, Anthropic `"text":"x`. */
const TEXT_DELTA = /"(?:content|text)":"[^"]/;

export function gatewayTarget(baseUrl: string, apiKey: string, sockets = 256): GatewayTarget {
  return { baseUrl, apiKey, agent: new Agent({ keepAlive: true, maxSockets: sockets }) };
}

/**
 * Drops idle keep-alive sockets before a new phase: after a pause longer than the server's
 * keep-alive timeout (5 s) a reused socket may be closed under the next request (ECONNRESET).
 */
export function freshSockets(t: GatewayTarget): void {
  const { maxSockets } = t.agent;
  t.agent.destroy();
  t.agent = new Agent({ keepAlive: true, maxSockets });
}

/** POSTs `body` (already JSON) to `path` and reads the whole answer. */
export function call(t: GatewayTarget, path: string, body: string): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${t.baseUrl}${path}`, {
      method: 'POST',
      agent: t.agent,
      headers: {
        authorization: `Bearer ${t.apiKey}`,
        'x-api-key': t.apiKey,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const streaming = String(res.headers['content-type']).startsWith('text/event-stream');
      let ttfb = Number.NaN;
      let frames = 0;
      let bytes = 0;
      let lastNewline = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        bytes += chunk.length;
        if (Number.isNaN(ttfb) && (!streaming || TEXT_DELTA.test(chunk))) {
          ttfb = performance.now() - started;
        }
        if (!streaming) return;
        // Count frame ends ("\n\n"), including one split across two chunks.
        if (lastNewline && chunk.startsWith('\n')) frames++;
        for (let i = chunk.indexOf('\n\n'); i >= 0; i = chunk.indexOf('\n\n', i + 2)) frames++;
        lastNewline = chunk.endsWith('\n') && !chunk.endsWith('\n\n');
      });
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ttfbMs: ttfb,
          totalMs: performance.now() - started,
          frames,
          bytes,
        }),
      );
    });
    req.end(body);
  });
}

/** An OpenAI chat completion body with one user message. */
export function openAiBody(model: string, text: string, stream: boolean): string {
  return JSON.stringify({ model, stream, messages: [{ role: 'user', content: text }] });
}

/** An Anthropic messages body with one user message. */
export function anthropicBody(model: string, text: string, stream: boolean): string {
  return JSON.stringify({
    model,
    stream,
    max_tokens: 256,
    messages: [{ role: 'user', content: text }],
  });
}
