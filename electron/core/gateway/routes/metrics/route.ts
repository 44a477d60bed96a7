import { Router } from 'express';
import { requireToken } from '../../middleware/auth';

/** `GET /metrics` in Prometheus text format, behind the metrics token (503 when unset). */
export function metricsRouter(render: () => string, token: () => string | undefined): Router {
  const router = Router();
  router.get('/metrics', requireToken('metrics', token), (_req, res) => {
    res.type('text/plain; version=0.0.4; charset=utf-8').send(render());
  });
  return router;
}
