import type { TestRequestDto, TestResultDto } from '../../shared/dto';

/**
 * The dashboard's Test button: a real streamed request through the listening gateway, exactly as
 * an OpenAI client would send it, timing the first token and the whole answer.
 */
export async function runTestRequest(
  baseUrl: string | null,
  apiKey: string | undefined,
  req: TestRequestDto,
  defaultModel: string,
): Promise<TestResultDto> {
  const model = req.model || defaultModel || 'auto';
  const started = Date.now();
  if (!baseUrl) return { ok: false, model, latencyMs: 0, error: 'The gateway is not running.' };
  if (!apiKey) return { ok: false, model, latencyMs: 0, error: 'Create an API key first.' };
  try {
    const res = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        stream: true,
        messages: [{ role: 'user', content: req.prompt || 'Say hello in one short sentence.' }],
      }),
      signal: AbortSignal.timeout(120_000),
    });
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      return {
        ok: false,
        model,
        status: res.status,
        latencyMs: Date.now() - started,
        error: body.error?.message ?? res.statusText,
      };
    }
    let text = '';
    let ttfbMs: number | undefined;
    // Streams echo the requested name; the Lingma model that answered is in this header.
    const reported = res.headers.get('x-lingma-model') ?? model;
    let buffer = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const data = frame
          .split('\n')
          .find((l) => l.startsWith('data: '))
          ?.slice(6);
        if (!data || data === '[DONE]') continue;
        const json = JSON.parse(data) as {
          model?: string;
          error?: { message?: string };
          choices?: Array<{ delta?: { content?: string | null } }>;
        };
        if (json.error) {
          return {
            ok: false,
            model,
            latencyMs: Date.now() - started,
            error: json.error.message ?? 'failed',
          };
        }
        const delta = json.choices?.[0]?.delta?.content;
        if (delta) {
          ttfbMs ??= Date.now() - started;
          text += delta;
        }
      }
    }
    return { ok: true, model: reported, text, ttfbMs, latencyMs: Date.now() - started };
  } catch (err) {
    return {
      ok: false,
      model,
      latencyMs: Date.now() - started,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}
