/**
 * Request-log ids are always the gateway's own (two clients sending the same `x-request-id` must
 * not collide). The id a client sent is kept on the entry as `clientRequestId`, and this bounded
 * map lets `get()` find the newest entry by it, so a user can still look up "their" request.
 */
export class ClientIdAliases {
  private readonly map = new Map<string, string>();

  constructor(private readonly max = 4096) {}

  record(clientRequestId: string | undefined, id: string): void {
    if (!clientRequestId) return;
    this.map.delete(clientRequestId);
    this.map.set(clientRequestId, id);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  resolve(clientRequestId: string): string | undefined {
    return this.map.get(clientRequestId);
  }
}
