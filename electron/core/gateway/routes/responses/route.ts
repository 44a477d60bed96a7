import { Router } from 'express';
import { ApiError } from '../../errors';
import { methodNotAllowed } from '../../middleware/errors';
import { OPENAI_KEEPALIVE } from '../../sse';
import {
  buildResponse,
  createResponseId,
  parseResponsesRequest,
  ResponsesStore,
  ResponsesStreamEncoder,
  type ResponsesRequest,
} from '../../translate/responses';
import { chatHandler, type ChatRouteDeps, type ChatSurface } from '../chat-route';
import type { SurfaceEncoder } from '../serve-chat';

/**
 * `/v1/responses` (Codex CLI and other Responses-only clients): create (stream or not), retrieve
 * and delete stored responses. `previous_response_id` chains through a bounded in-memory store.
 */
export function responsesRouter(deps: ChatRouteDeps, store = new ResponsesStore()): Router {
  const surface: ChatSurface = {
    protocol: 'responses',
    parse: (body) => parseResponsesRequest(body, store),
    encoder: ({ run, neutral }): SurfaceEncoder => {
      const request = neutral as ResponsesRequest;
      const id = createResponseId();
      const createdAt = Math.floor(Date.now() / 1000);
      const stream = new ResponsesStreamEncoder({
        id,
        createdAt,
        model: run.model.reported,
        request,
      });
      // Saved once, as soon as the terminal event exists (before it is written), so a client
      // that reacts to `response.completed` or `response.failed` can already chain or GET it.
      let saved = false;
      const saveTerminal = <T>(frames: T): T => {
        if (!saved && stream.response) {
          saved = true;
          store.save(request, stream.response);
        }
        return frames;
      };
      return {
        keepAliveFrame: OPENAI_KEEPALIVE,
        open: () => stream.start(),
        push: (ev) => saveTerminal(stream.push(ev)),
        error: (err) => saveTerminal(stream.fail(err)),
        close: () => saveTerminal(stream.close()),
        complete: (record) => {
          const response = buildResponse({
            id,
            createdAt,
            model: run.model.reported,
            events: record.events(),
            request,
          });
          store.save(request, response);
          return response;
        },
      };
    },
  };

  const router = Router();
  router.post('/v1/responses', chatHandler(deps, surface));
  router.all('/v1/responses', methodNotAllowed(['POST']));
  router.get('/v1/responses/:id', (req, res) => {
    const stored = store.get(req.params.id);
    if (!stored)
      throw new ApiError('not_found', `Response with id '${req.params.id}' not found.`, {
        param: 'response_id',
      });
    res.json(stored.response);
  });
  router.delete('/v1/responses/:id', (req, res) => {
    if (!store.delete(req.params.id)) {
      throw new ApiError('not_found', `Response with id '${req.params.id}' not found.`, {
        param: 'response_id',
      });
    }
    res.json({ id: req.params.id, object: 'response.deleted', deleted: true });
  });
  router.all('/v1/responses/:id', methodNotAllowed(['GET', 'DELETE']));
  return router;
}
