import { Router } from 'express';
import { openAiErrorChunk, OpenAiChatStreamEncoder } from '../../translate/openai-stream';
import { buildChatCompletion } from '../../translate/openai-response';
import { parseOpenAiChatRequest } from '../../translate/openai-request';
import { methodNotAllowed } from '../../middleware/errors';
import { OPENAI_KEEPALIVE } from '../../sse';
import { chatHandler, type ChatRouteDeps, type ChatSurface } from '../chat-route';
import { latencyOf, type SurfaceEncoder } from '../serve-chat';

const surface: ChatSurface = {
  protocol: 'openai',
  parse: parseOpenAiChatRequest,
  encoder: ({ run, neutral, requestId }): SurfaceEncoder => {
    const created = Math.floor(Date.now() / 1000);
    const id = requestId.replace(/^req_/, '');
    const stream = new OpenAiChatStreamEncoder({
      id,
      created,
      model: run.model.reported,
      includeUsage: neutral.includeUsage,
    });
    return {
      keepAliveFrame: OPENAI_KEEPALIVE,
      open: () => stream.start().map((data) => ({ data })),
      push: (ev) => {
        const json = ev.type === 'text' ? stream.textJson(ev.text) : undefined;
        return json !== undefined ? [{ data: json }] : stream.push(ev).map((data) => ({ data }));
      },
      error: (err) => [{ data: openAiErrorChunk(err) }],
      close: () => [{ data: '[DONE]' }],
      complete: (record) =>
        buildChatCompletion({
          id,
          created,
          model: run.model.reported,
          result: record,
          latency: latencyOf(record),
        }),
    };
  },
};

/** `POST /v1/chat/completions`; other methods get 405. */
export function chatCompletionsRouter(deps: ChatRouteDeps): Router {
  const router = Router();
  const handler = chatHandler(deps, surface);
  router.post('/v1/chat/completions', handler);
  router.all('/v1/chat/completions', methodNotAllowed(['POST']));
  return router;
}
