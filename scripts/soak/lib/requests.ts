/**
 * One soak request: any of the three APIs, streamed or not, with or without tools, and how it
 * ended as the client saw it — complete, an HTTP error, a stream closed by a terminal error
 * event, a stream that just stopped (a defect), disconnected on purpose, or hung.
 */
import type { ReadyInfo } from '../gateway-proc';

export type Api = 'openai' | 'anthropic' | 'responses';
export type Fault = 'none' | 'crash' | 'slow' | 'disconnect' | 'hang-first' | 'hang-mid';

export interface Plan {
  api: Api;
  stream: boolean;
  tools: boolean;
  fault: Fault;
  /** Unique per request; lets the soak find the child serving it. */
  token: string;
  /** The question's marker (scenario.ts), if any. */
  marker?: string;
}

export type Outcome = 'ok' | 'http-error' | 'stream-error' | 'incomplete' | 'disconnected' | 'hung';

export interface Result {
  plan: Plan;
  outcome: Outcome;
  status: number;
  ms: number;
  requestId?: string;
  detail?: string;
}

const PATHS: Record<Api, string> = {
  openai: '/v1/chat/completions',
  anthropic: '/v1/messages',
  responses: '/v1/responses',
};

const WEATHER = {
  name: 'get_weather',
  description: 'Weather for a city',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

export function requestBody(p: Plan): Record<string, unknown> {
  const q = `${p.marker ?? 'hello'} ${p.token}`;
  switch (p.api) {
    case 'openai':
      return {
        model: 'auto',
        stream: p.stream,
        messages: [{ role: 'user', content: q }],
        ...(p.tools
          ? {
              tools: [
                {
                  type: 'function',
                  function: {
                    name: WEATHER.name,
                    description: WEATHER.description,
                    parameters: WEATHER.schema,
                  },
                },
              ],
            }
          : {}),
      };
    case 'anthropic':
      return {
        model: 'auto',
        max_tokens: 512,
        stream: p.stream,
        messages: [{ role: 'user', content: q }],
        ...(p.tools
          ? {
              tools: [
                {
                  name: WEATHER.name,
                  description: WEATHER.description,
                  input_schema: WEATHER.schema,
                },
              ],
            }
          : {}),
      };
    case 'responses':
      return {
        model: 'auto',
        stream: p.stream,
        input: q,
        ...(p.tools
          ? {
              tools: [
                {
                  type: 'function',
                  name: WEATHER.name,
                  description: WEATHER.description,
                  parameters: WEATHER.schema,
                },
              ],
            }
          : {}),
      };
  }
}

/** How a finished stream ended, from its text. */
export function streamEnding(api: Api, text: string): 'ok' | 'stream-error' | 'incomplete' {
  const error =
    api === 'openai'
      ? /^data: \{"error"/m.test(text)
      : api === 'anthropic'
        ? /^event: error$/m.test(text)
        : /^event: (?:error|response\.failed)$/m.test(text);
  if (error) return 'stream-error';
  const done =
    api === 'openai'
      ? text.includes('data: [DONE]')
      : api === 'anthropic'
        ? /^event: message_stop$/m.test(text)
        : /^event: response\.completed$/m.test(text);
  return done ? 'ok' : 'incomplete';
}

export interface RunHooks {
  /** Called once, when the first bytes of a 200 stream arrive. */
  onFirstBytes?: () => void;
  /** Abort the request after this many ms (client disconnect). */
  disconnectAfterMs?: number;
  /** A request still open after this long counts as hung. */
  hungAfterMs: number;
}

export async function runRequest(g: ReadyInfo, p: Plan, hooks: RunHooks): Promise<Result> {
  const started = Date.now();
  const ctl = new AbortController();
  let why: 'disconnect' | 'hung' | undefined;
  const timers = [
    setTimeout(() => ((why = 'hung'), ctl.abort()), hooks.hungAfterMs),
    hooks.disconnectAfterMs !== undefined
      ? setTimeout(() => ((why ??= 'disconnect'), ctl.abort()), hooks.disconnectAfterMs)
      : undefined,
  ];
  const result = (outcome: Outcome, status: number, extra: Partial<Result> = {}): Result => ({
    plan: p,
    outcome,
    status,
    ms: Date.now() - started,
    ...extra,
  });
  try {
    const res = await fetch(`${g.baseUrl}${PATHS[p.api]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${g.apiKey}` },
      body: JSON.stringify(requestBody(p)),
      signal: ctl.signal,
    });
    const requestId = res.headers.get('x-request-id') ?? undefined;
    if (res.status !== 200) {
      const body = await res.text();
      return result('http-error', res.status, { requestId, detail: body.slice(0, 200) });
    }
    if (!p.stream) {
      await res.json();
      return result('ok', 200, { requestId });
    }
    let text = '';
    const decoder = new TextDecoder();
    let first = true;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (first) {
        first = false;
        hooks.onFirstBytes?.();
      }
      text += decoder.decode(chunk, { stream: true });
    }
    const ending = streamEnding(p.api, text);
    return result(ending, 200, {
      requestId,
      ...(ending === 'ok' ? {} : { detail: text.slice(-300) }),
    });
  } catch (err) {
    if (why === 'disconnect') return result('disconnected', 0);
    if (why === 'hung') return result('hung', 0);
    return result('incomplete', 0, { detail: err instanceof Error ? err.message : String(err) });
  } finally {
    for (const t of timers) if (t) clearTimeout(t);
  }
}
