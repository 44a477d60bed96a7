/**
 * Instance choice when affinity does not decide. Pure: the pool passes the ready instances that
 * have a free slot, in account order, and keeps the round-robin cursor.
 */
import { createHash } from 'node:crypto';
import type { RoutingStrategy } from './types';

export interface RouteCandidate {
  id: string;
  inFlight: number;
  /** Epoch ms of the last lease (0 = never). */
  lastUsedAt: number;
  /** Position in account order (account index, then worker index). */
  order: number;
}

/**
 * Picks one of `free` (sorted by `order`). `lastOrder` is the round-robin cursor: the order of the
 * instance picked last (-1 at the start).
 */
export function pickByStrategy(
  strategy: RoutingStrategy,
  free: readonly RouteCandidate[],
  lastOrder: number,
): RouteCandidate | undefined {
  if (free.length === 0) return undefined;
  switch (strategy) {
    case 'fill-first':
      return free[0];
    case 'round-robin':
      return free.find((c) => c.order > lastOrder) ?? free[0];
    case 'least-busy':
    default:
      return free.reduce((best, c) =>
        c.inFlight < best.inFlight ||
        (c.inFlight === best.inFlight && c.lastUsedAt < best.lastUsedAt)
          ? c
          : best,
      );
  }
}

/**
 * Sticky routing: hashed affinity key → instance id, LRU-bounded so a stream of distinct users
 * cannot grow it without end. Keys are hashed because they may be whole system prompts.
 */
export class AffinityMap {
  private readonly map = new Map<string, string>();

  constructor(private readonly maxEntries = 1024) {}

  static hash(key: string): string {
    return createHash('sha256').update(key).digest('base64url').slice(0, 22);
  }

  get(hashed: string): string | undefined {
    const id = this.map.get(hashed);
    if (id !== undefined) {
      this.map.delete(hashed);
      this.map.set(hashed, id);
    }
    return id;
  }

  set(hashed: string, instanceId: string): void {
    this.map.delete(hashed);
    this.map.set(hashed, instanceId);
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }

  /** Forgets every key bound to an instance that no longer exists. */
  dropInstance(instanceId: string): void {
    for (const [k, v] of this.map) if (v === instanceId) this.map.delete(k);
  }
}

export interface PlacementInput {
  /** Every instance, in account order (any state). */
  instances: ReadonlyArray<RouteCandidate & { state: string }>;
  exclude: readonly string[];
  maxConcurrent: number;
  strategy: RoutingStrategy;
  lastOrder: number;
  preferInstanceId?: string;
  /** The instance the request's affinity key is bound to, if any. */
  boundInstanceId?: string;
}

export interface Placement {
  id: string;
  /** False when a preferred instance was asked for and not chosen. */
  honoured: boolean;
  /** The affinity binding is missing or points at an instance that is not ready: bind to `id`. */
  rebind: boolean;
}

/**
 * Session affinity, then the sticky key, then the strategy, over ready instances with a free
 * slot. A sticky binding survives its instance being busy or excluded (no ping-pong between
 * instances); only an instance that is no longer ready loses it.
 */
export function choosePlacement(p: PlacementInput): Placement | undefined {
  const ready = p.instances.filter((i) => i.state === 'ready');
  const free = ready.filter(
    (i) => !p.exclude.includes(i.id) && i.inFlight < Math.max(1, p.maxConcurrent),
  );
  const bound = p.boundInstanceId;
  const rebind = bound === undefined || !ready.some((i) => i.id === bound);
  const preferred = free.find((i) => i.id === p.preferInstanceId);
  if (preferred) return { id: preferred.id, honoured: true, rebind };
  const honoured = p.preferInstanceId === undefined;
  const sticky = free.find((i) => i.id === bound);
  if (sticky) return { id: sticky.id, honoured, rebind: false };
  const pick = pickByStrategy(p.strategy, free, p.lastOrder);
  return pick ? { id: pick.id, honoured, rebind } : undefined;
}
