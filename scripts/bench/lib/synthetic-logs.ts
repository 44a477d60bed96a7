/**
 * Reproducible request-log traffic for the log benchmarks: the same 100k requests either as
 * summaries (what the renderer receives) or replayed into the real log service. The mix is a
 * plausible desktop day: mostly OpenAI, some Anthropic, a few errors and tool calls.
 */
import type { LogSummaryDto } from '../../../electron/shared/dto';

export interface SyntheticRequest {
  id: string;
  time: number;
  protocol: 'openai' | 'anthropic' | 'responses';
  endpoint: string;
  model: string;
  resolvedModel: string;
  accountId: string;
  accountName: string;
  stream: boolean;
  status: number;
  error?: string;
  ttfbMs: number;
  durationMs: number;
  tokensIn: number;
  tokensOut: number;
  toolCalls: number;
  question: string;
}

export const ACCOUNTS = ['work', 'personal', 'team-a', 'team-b'];
export const MODELS = [
  'dashscope_qwen3_coder',
  'dashscope_qwen_max_latest',
  'dashscope_qwen_plus_20250428_thinking',
  'auto',
  'dashscope_qwen_vl_max',
];
const ENDPOINTS = {
  openai: 'POST /v1/chat/completions',
  anthropic: 'POST /v1/messages',
  responses: 'POST /v1/responses',
} as const;

/** mulberry32: small, seeded, deterministic across runs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` requests, oldest first, one every ~400 ms ending now. */
export function syntheticRequests(n: number, seed = 7): SyntheticRequest[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const now = Date.now();
  const out: SyntheticRequest[] = [];
  for (let i = 0; i < n; i++) {
    const roll = r();
    const protocol = roll < 0.6 ? 'openai' : roll < 0.9 ? 'anthropic' : 'responses';
    const fail = r();
    const status = fail < 0.03 ? 429 : fail < 0.05 ? 502 : 200;
    const model = pick(MODELS);
    const accountName = pick(ACCOUNTS);
    const durationMs = 200 + Math.floor(r() * 9_000);
    out.push({
      id: `req_${i.toString(36).padStart(6, '0')}${Math.floor(r() * 1e9).toString(36)}`,
      time: now - (n - i) * 400,
      protocol,
      endpoint: ENDPOINTS[protocol],
      model,
      resolvedModel: model === 'auto' ? 'dashscope_qwen3_coder' : model,
      accountId: `acc-${accountName}`,
      accountName,
      stream: r() < 0.8,
      status,
      ...(status === 429 ? { error: 'quota exceeded, resets in 3600 s' } : {}),
      ...(status === 502 ? { error: 'the Lingma process exited mid-stream' } : {}),
      ttfbMs: 80 + Math.floor(r() * 900),
      durationMs,
      tokensIn: 20 + Math.floor(r() * 4_000),
      tokensOut: Math.floor(durationMs / 20),
      toolCalls: r() < 0.1 ? 1 + Math.floor(r() * 3) : 0,
      question: `Explain item ${i} of the build log`,
    });
  }
  return out;
}

/** The row the renderer gets from `logs:query`, newest first like the core returns them. */
export function toSummaries(reqs: readonly SyntheticRequest[]): LogSummaryDto[] {
  return reqs
    .map((q) => ({
      id: q.id,
      time: q.time,
      protocol: q.protocol,
      endpoint: q.endpoint,
      model: q.model,
      resolvedModel: q.resolvedModel,
      account: q.accountName,
      stream: q.stream,
      status: q.status,
      ...(q.error ? { error: q.error } : {}),
      ttfbMs: q.ttfbMs,
      durationMs: q.durationMs,
      tokensIn: q.tokensIn,
      tokensOut: q.tokensOut,
      toolCalls: q.toolCalls,
      inProgress: false,
    }))
    .reverse();
}
