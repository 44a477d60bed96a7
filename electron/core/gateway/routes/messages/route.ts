import { Router } from 'express';
import { methodNotAllowed } from '../../middleware/errors';
import { ANTHROPIC_KEEPALIVE } from '../../sse';
import { buildMessage } from '../../translate/anthropic-response';
import {
  countAnthropicTokens,
  parseAnthropicMessagesRequest,
} from '../../translate/anthropic-request';
import { anthropicErrorEvent, AnthropicStreamEncoder } from '../../translate/anthropic-stream';
import { estimateRequestTokens } from '../../translate/tokens';
import { chatHandler, type ChatRouteDeps, type ChatSurface } from '../chat-route';
import type { SurfaceEncoder } from '../serve-chat';

const surface: ChatSurface = {
  protocol: 'anthropic',
  parse: parseAnthropicMessagesRequest,
  encoder: (run, neutral, requestId): SurfaceEncoder => {
    const id = requestId.replace(/^req_/, '');
    const stream = new AnthropicStreamEncoder({
      id,
      model: run.model.reported,
      inputTokens: estimateRequestTokens(neutral),
    });
    return {
      keepAliveFrame: ANTHROPIC_KEEPALIVE,
      open: () => stream.start(),
      push: (ev) => stream.push(ev),
      error: (err) => [anthropicErrorEvent(err)],
      close: () => [],
      complete: (_run, events, timing) =>
        buildMessage({
          id,
          model: run.model.reported,
          events,
          latency: { firstTokenMs: timing.firstTokenMs, totalMs: timing.totalMs },
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
