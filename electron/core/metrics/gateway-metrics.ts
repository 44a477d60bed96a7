import { Counter, Gauge, Histogram, Registry } from './registry';

/** Live numbers the metrics read at scrape time (never copied, so never stale). */
export interface MetricsSources {
  admission(): { inFlight: number; queued: number; rejectedTotal: number };
  instances(): Array<{ id: string; accountId: string; state: string; inFlight: number }>;
  reuse(): { hits: number; misses: number };
}

export const INSTANCE_STATES = [
  'starting',
  'ready',
  'logged-out',
  'cooling-down',
  'crashed',
  'disabled',
] as const;

export interface RequestObservation {
  protocol: string;
  status: number;
  ttfbMs?: number;
  tokensIn?: number;
  tokensOut?: number;
}

/**
 * The gateway's Prometheus metrics. Names are documented in docs/metrics.md; keep the two in step.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter;
  private readonly tokens: Counter;
  private readonly chats: Counter;
  private readonly ttfb: Histogram;

  constructor(sources: MetricsSources) {
    const r = this.registry;
    r.register(
      new Gauge(
        'lingma_gateway_in_flight',
        'Requests holding an admission ticket.',
        () => sources.admission().inFlight,
      ),
    );
    r.register(
      new Gauge(
        'lingma_gateway_queued',
        'Requests waiting for admission.',
        () => sources.admission().queued,
      ),
    );
    r.register(
      new Gauge(
        'lingma_gateway_rejected_total',
        'Requests rejected with 429 by admission control (counter exposed as a gauge of a running total).',
        () => sources.admission().rejectedTotal,
      ),
    );
    r.register(
      new Gauge(
        'lingma_gateway_instance_state',
        'One series per instance and state; 1 for the current state.',
        () =>
          sources.instances().flatMap((i) =>
            INSTANCE_STATES.map((state) => ({
              labels: { instance: i.id, account: i.accountId, state },
              value: i.state === state ? 1 : 0,
            })),
          ),
      ),
    );
    r.register(
      new Gauge('lingma_gateway_instance_in_flight', 'Chats running on each instance.', () =>
        sources
          .instances()
          .map((i) => ({ labels: { instance: i.id, account: i.accountId }, value: i.inFlight })),
      ),
    );
    r.register(
      new Gauge(
        'lingma_gateway_session_reuse_hits_total',
        'Requests that continued a cached upstream session.',
        () => sources.reuse().hits,
      ),
    );
    r.register(
      new Gauge(
        'lingma_gateway_session_reuse_misses_total',
        'Reuse-eligible requests that found no usable session.',
        () => sources.reuse().misses,
      ),
    );
    this.requests = r.register(
      new Counter('lingma_gateway_requests_total', 'API requests by protocol and HTTP status.'),
    );
    this.chats = r.register(
      new Counter('lingma_gateway_chat_total', 'Chat requests by result (success or error).'),
    );
    this.tokens = r.register(
      new Counter(
        'lingma_gateway_tokens_total',
        'Estimated tokens by direction (input or output).',
      ),
    );
    this.ttfb = r.register(
      new Histogram(
        'lingma_gateway_ttfb_seconds',
        'Time from request to the first streamed token.',
        [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      ),
    );
  }

  observe(o: RequestObservation): void {
    this.requests.inc({ protocol: o.protocol, status: String(o.status) });
    this.chats.inc({ result: o.status < 400 ? 'success' : 'error' });
    if (o.tokensIn) this.tokens.inc({ direction: 'input' }, o.tokensIn);
    if (o.tokensOut) this.tokens.inc({ direction: 'output' }, o.tokensOut);
    if (o.ttfbMs !== undefined) this.ttfb.observe(o.ttfbMs / 1000, { protocol: o.protocol });
  }

  render(): string {
    return this.registry.render();
  }
}
