/**
 * The IPC contract between a benchmark (parent) and `gateway-proc.ts` (a child process running the
 * real core). The gateway lives in its own process so that the load generator's CPU and heap do
 * not show up in the gateway's figures.
 */
import type { SimScenario } from '../../lingma-sim/testing';

/** What the child starts: `accounts` × `workers` simulator children behind one gateway. */
export interface GatewayProcConfig {
  accounts: number;
  workers: number;
  /** Partial settings, merged over the defaults (routing, sessionReuse, …). */
  settings?: Record<string, unknown>;
  scenario?: SimScenario;
  /** LINGMA_SIM_FAULTS for every simulator child, e.g. `delta-interval:0`. */
  simFaults?: string;
  /** Absolute path of the simulator launcher (set by gateway-child.ts). */
  simBin?: string;
}

/** One simulator child the gateway talks to; the direct path dials the same process. */
export interface Upstream {
  url: string;
  workDir: string;
}

export interface ReadyMessage {
  type: 'ready';
  baseUrl: string;
  apiKey: string;
  upstreams: Upstream[];
  startupMs: number;
}

export interface ProcStats {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** process.cpuUsage() since the child started, in microseconds. */
  cpuUserUs: number;
  cpuSystemUs: number;
  /** Entries in the request-log index. */
  logsIndexed: number;
}

export type ParentRequest =
  | { id: number; type: 'stats'; gc: boolean }
  | { id: number; type: 'profile-start' }
  | { id: number; type: 'profile-stop'; file: string }
  | { id: number; type: 'stop' };

export type ChildReply =
  | { id: number; type: 'stats'; stats: ProcStats }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; message: string };

export type ChildMessage = ReadyMessage | ChildReply | { type: 'fatal'; message: string };
