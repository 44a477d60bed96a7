import { Router, type Request } from 'express';
import { secretEquals } from '../../middleware/auth';

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

/** The admin or metrics token, from `Authorization: Bearer` or `x-api-key`. */
function presented(req: Request): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization')?.trim() ?? '')?.[1]?.trim();
  return bearer || req.get('x-api-key')?.trim() || undefined;
}

/**
 * `GET /healthz`, unauthenticated like the predecessor's (liveness for process managers): always
 * 200 while the gateway answers, `ok` says whether any account can serve (readiness). Without a
 * token it shows counts only; the per-instance list (account ids, states) needs the admin or
 * metrics token, since any local process can call it.
 */
export function healthRouter(
  report: () => HealthReport,
  tokens: () => Array<string | undefined> = () => [],
): Router {
  const router = Router();
  router.get('/healthz', (req, res) => {
    const r = report();
    const given = presented(req);
    const trusted =
      given !== undefined &&
      tokens().some((t) => t !== undefined && t !== '' && secretEquals(given, t));
    const status = r.ok ? 'ok' : 'degraded';
    if (trusted) {
      res.json({ ...r, status });
      return;
    }
    res.json({ ok: r.ok, status, poolSize: r.poolSize, ready: r.ready });
  });
  return router;
}
