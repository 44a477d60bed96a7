import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** One pending browser login; nonces live only in this process's memory, like the real one. */
export interface LoginFlow {
  nonce: string;
  verifier: string;
  challenge: string;
  createdAt: number;
}

const TEN_MINUTES = 10 * 60 * 1000;

export class LoginFlows {
  private readonly flows = new Map<string, LoginFlow>();

  constructor(
    private readonly ttlMs = TEN_MINUTES,
    private readonly now: () => number = Date.now,
  ) {}

  create(): LoginFlow {
    this.prune();
    const verifier = randomBytes(32).toString('base64url');
    const flow: LoginFlow = {
      nonce: randomUUID().replaceAll('-', ''),
      verifier,
      challenge: createHash('sha256').update(verifier).digest('base64url'),
      createdAt: this.now(),
    };
    this.flows.set(flow.nonce, flow);
    return flow;
  }

  /** Single use: a nonce is removed the first time it is presented, valid or not. */
  consume(nonce: string): LoginFlow | undefined {
    const flow = this.flows.get(nonce);
    this.flows.delete(nonce);
    if (!flow || this.now() - flow.createdAt > this.ttlMs) return undefined;
    return flow;
  }

  private prune(): void {
    for (const [nonce, flow] of this.flows) {
      if (this.now() - flow.createdAt > this.ttlMs) this.flows.delete(nonce);
    }
  }
}

/** The URL a person opens; same query parameters as the real devops.aliyun.com login link. */
export function buildLoginUrl(
  siteOrigin: string,
  flow: LoginFlow,
  httpPort: number,
  machineId: string,
): string {
  const url = new URL('/lingma/login', siteOrigin);
  url.searchParams.set('nonce', flow.nonce);
  url.searchParams.set('state', flow.nonce);
  url.searchParams.set('port', String(httpPort));
  url.searchParams.set('challenge', flow.challenge);
  url.searchParams.set('challenge_method', 'S256');
  url.searchParams.set('machine_id', machineId);
  return url.toString();
}
