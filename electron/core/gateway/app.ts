import express, { type Express } from 'express';
import type { Logger } from '../util/logger';
import { requireApiKey, type KeyVerifier } from './middleware/auth';
import { edgeLog } from './middleware/edge-log';
import { errorHandler, notFound } from './middleware/errors';
import { hostOriginGuard, type HostOriginPolicy } from './middleware/host-origin';
import { requestId } from './middleware/request-id';
import type { ChatRouteDeps } from './routes/chat-route';
import { chatCompletionsRouter } from './routes/chat-completions/route';
import { healthRouter, type HealthReport } from './routes/health/route';
import { internalRouter, type InternalDeps } from './routes/internal/route';
import { messagesRouter } from './routes/messages/route';
import { metricsRouter } from './routes/metrics/route';
import { modelsRouter } from './routes/models/route';
import { rootRouter } from './routes/root/route';
import type { LingmaModel } from '../lingma/types';
import type { Router } from 'express';

export interface GatewayAppDeps extends ChatRouteDeps {
  logger: Logger;
  policy: HostOriginPolicy;
  maxBodyBytes(): number;
  verifyKey: KeyVerifier;
  metricsToken(): string | undefined;
  models(): Promise<LingmaModel[]>;
  health(): HealthReport;
  internal: InternalDeps;
  /** A key id's name, for the request log (issue 16). */
  keyName?(keyId: string): string | undefined;
  /** Extra `/v1` routers (the Responses API). */
  extraRouters?: Router[];
  startedAt?: number;
}

/**
 * Builds the gateway's Express app: request ids, Host/Origin guard, body limits, auth, the API
 * surfaces, operations endpoints, and one error renderer that answers in each API's own shape.
 */
export function buildGatewayApp(d: GatewayAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', false);
  app.use(requestId());
  app.use(edgeLog({ logs: d.logs, keyName: d.keyName })); // issue 16: every request is logged
  app.use(hostOriginGuard(d.policy));
  // The limit is read per request so a settings change applies without a restart; the parser
  // is rebuilt only when the limit changes.
  let parser: { limit: number; fn: ReturnType<typeof express.json> } | undefined;
  app.use((req, res, next) => {
    const limit = d.maxBodyBytes();
    if (parser?.limit !== limit) {
      parser = {
        limit,
        fn: express.json({ limit, type: ['application/json', '*/json', 'text/plain'] }),
      };
    }
    parser.fn(req, res, next);
  });
  // The API surfaces first: chat requests are the hot path, the operations routes are not.
  app.use('/v1', requireApiKey(d.verifyKey));
  app.use(chatCompletionsRouter(d));
  app.use(messagesRouter(d));
  for (const r of d.extraRouters ?? []) app.use(r);
  app.use(modelsRouter(d.models, d.startedAt ?? Date.now()));
  app.use(rootRouter());
  app.use(healthRouter(d.health, () => [d.internal.adminToken(), d.metricsToken()]));
  app.use(metricsRouter(() => d.metrics.render(), d.metricsToken));
  app.use(internalRouter(d.internal));
  app.use(notFound());
  app.use(errorHandler(d.logger, d.maxBodyBytes()));
  return app;
}
