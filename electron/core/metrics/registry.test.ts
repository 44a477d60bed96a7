import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from './gateway-metrics';
import { Counter, Histogram, Registry } from './registry';

describe('Prometheus registry', () => {
  it('renders counters with escaped, sorted labels', () => {
    const r = new Registry();
    const c = r.register(new Counter('x_total', 'help'));
    c.inc({ b: '2', a: 'quote"d' });
    c.inc({ b: '2', a: 'quote"d' }, 2);
    expect(r.render()).toContain('x_total{a="quote\\"d",b="2"} 3');
  });

  it('renders cumulative histogram buckets', () => {
    const r = new Registry();
    const h = r.register(new Histogram('t_seconds', 'help', [0.1, 1]));
    h.observe(0.05);
    h.observe(0.5);
    h.observe(5);
    const text = r.render();
    expect(text).toContain('t_seconds_bucket{le="0.1"} 1');
    expect(text).toContain('t_seconds_bucket{le="1"} 2');
    expect(text).toContain('t_seconds_bucket{le="+Inf"} 3');
    expect(text).toContain('t_seconds_count 3');
  });

  it('reads live sources at scrape time', () => {
    let inFlight = 1;
    const m = new GatewayMetrics({
      admission: () => ({ inFlight, queued: 0, rejectedTotal: 2 }),
      instances: () => [{ id: 'a', accountId: 'a', state: 'ready', inFlight: 1 }],
      reuse: () => ({ hits: 3, misses: 4 }),
    });
    m.observe({ protocol: 'openai', status: 200, ttfbMs: 120, tokensIn: 10, tokensOut: 5 });
    inFlight = 7;
    const text = m.render();
    expect(text).toContain('lingma_gateway_in_flight 7');
    expect(text).toContain(
      'lingma_gateway_instance_state{account="a",instance="a",state="ready"} 1',
    );
    expect(text).toContain(
      'lingma_gateway_instance_state{account="a",instance="a",state="crashed"} 0',
    );
    expect(text).toContain('lingma_gateway_requests_total{protocol="openai",status="200"} 1');
    expect(text).toContain('lingma_gateway_tokens_total{direction="output"} 5');
    expect(text).toContain('lingma_gateway_session_reuse_hits_total 3');
  });
});
