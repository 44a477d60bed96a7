import { Router } from 'express';
import type { LingmaModel } from '../../../lingma/types';
import { ApiError } from '../../errors';

/** The OpenAI model object for a Lingma model (id = Lingma key, name = display name). */
export function modelObject(m: LingmaModel, created: number) {
  return {
    id: m.key,
    object: 'model' as const,
    created,
    owned_by: 'lingma',
    name: m.displayName,
    display_name: m.displayName,
    // Anthropic's /v1/models shape reads these two.
    type: 'model',
    created_at: new Date(created * 1000).toISOString(),
    capabilities: { reasoning: m.isReasoning, vision: m.isVl },
    scenes: m.scenes,
  };
}

/** `GET /v1/models` and `GET /v1/models/{id}`. */
export function modelsRouter(models: () => Promise<LingmaModel[]>, startedAt: number): Router {
  const router = Router();
  const created = Math.floor(startedAt / 1000);
  router.get('/v1/models', async (_req, res) => {
    const list = await models();
    const data = list.map((m) => modelObject(m, created));
    res.json({
      object: 'list',
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
    });
  });
  router.get('/v1/models/:id', async (req, res) => {
    const id = req.params.id;
    const m = (await models()).find((x) => x.key === id);
    if (!m)
      throw new ApiError('not_found', `The model '${id}' does not exist.`, {
        param: 'model',
        code: 'model_not_found',
      });
    res.json(modelObject(m, created));
  });
  return router;
}
