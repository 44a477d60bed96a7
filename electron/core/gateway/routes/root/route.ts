import { Router } from 'express';
import { methodNotAllowed } from '../../middleware/errors';

/**
 * What `GET /` says about this server: a name, one sentence, and where the APIs are. Nothing
 * about accounts, keys or settings (the route needs no key).
 */
export const ROOT_DESCRIPTION = {
  name: 'Lingma Gateway',
  description:
    'OpenAI- and Anthropic-compatible API for Alibaba Tongyi Lingma models. Every /v1 route needs an API key.',
  endpoints: [
    'GET /v1/models',
    'POST /v1/chat/completions',
    'POST /v1/responses',
    'POST /v1/messages',
    'POST /v1/messages/count_tokens',
    'GET /healthz',
  ],
} as const;

/**
 * `HEAD /` and `GET /`: the reachability probes current clients send to a base URL before their
 * first request (Claude Code's `HEAD /`). Unauthenticated, like `/healthz`; no secrets.
 */
export function rootRouter(): Router {
  const router = Router();
  // Express answers HEAD with the GET handler's headers and no body.
  router.get('/', (_req, res) => {
    res.json(ROOT_DESCRIPTION);
  });
  router.all('/', methodNotAllowed(['GET', 'HEAD']));
  return router;
}
