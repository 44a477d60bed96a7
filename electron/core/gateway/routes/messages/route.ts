import { Router } from 'express';
import { methodNotAllowed } from '../../middleware/errors';
import { ANTHROPIC_KEEPALIVE } from '../../sse';
import { buildMessage } from '../../translate/anthropic-response';
import {
  countAnthropicTokens,
  parseAnthropicMessagesRequest,
} from '../../translate/anthropic-request';
import { anthropicErrorEvent, AnthropicStreamEncoder } from '../../translate/anthropic-stream';
import { chatHandler, type ChatRouteDeps, type ChatSurface } from '../chat-route';
import { latencyOf, type SurfaceEncoder } from '../serve-chat';

const surface: ChatSurface = {
  protocol: 'anthropic',
  parse: parseAnthropicMessagesRequest,
  encoder: ({ run, requestId, record }): SurfaceEncoder => {
    const id = requestId.replace(/^req_/, '');
    const stream = new AnthropicStreamEncoder({
      id,
      model: run.model.reported,
      // Estimated once, by the engine, before the first event.
      inputTokens: record.usage.inputTokens,
    });
    return {
      keepAliveFrame: ANTHROPIC_KEEPALIVE,
      open: () => stream.start(),
      push: (ev) => {
        const json = ev.type === 'text' ? stream.textJson(ev.text) : undefined;
        return json !== undefined
          ? [{ event: 'content_block_delta', data: json }]
          : stream.push(ev);
      },
      error: (err) => [anthropicErrorEvent(err)],
      close: () => [],
      complete: (done) =>
        buildMessage({
          id,
          model: run.model.reported,
          events: done.events(),
          latency: latencyOf(done),
        }),
    };
  },
};

/** `POST /v1/messages` and `POST /v1/messages/count_tokens`. */
export function messagesRouter(deps: ChatRouteDeps): Router {
  const router = Router();
  router.post('/v1/messages/count_tokens', (req, res) => {
    res.json(countAnthropicTokens(req.body));
  });
  router.all('/v1/messages/count_tokens', methodNotAllowed(['POST']));
  router.post('/v1/messages', chatHandler(deps, surface));
  router.all('/v1/messages', methodNotAllowed(['POST']));
  return router;
}
