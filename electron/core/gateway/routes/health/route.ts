import { Router } from 'express';

export interface HealthInstance {
  id: string;
  accountId: string;
  state: string;
  inFlight: number;
}

export interface HealthReport {
  ok: boolean;
  poolSize: number;
  ready: number;
  instances: HealthInstance[];
}

/**
 * `GET /healthz`, unauthenticated like the predecessor's: no secrets, no account names. Always 200
 * while the gateway answers (liveness); `ok` says whether any account can serve (readiness).
 */
export function healthRouter(report: () => HealthReport): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const r = report();
    res.json({ ...r, status: r.ok ? 'ok' : 'degraded' });
  });
  return router;
}
