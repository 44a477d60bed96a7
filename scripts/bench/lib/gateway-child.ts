/**
 * Parent side of `gateway-proc.ts`: forks it, waits for `ready`, and wraps the IPC requests
 * (memory/CPU stats, CPU profile, stop) in promises.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { gatewayProcBundle, SIM_LAUNCHER } from './bundle';
import type {
  ChildMessage,
  ChildReply,
  GatewayProcConfig,
  ParentRequest,
  ProcStats,
  ReadyMessage,
} from './proc-protocol';

const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

/** Distributes a request without its id over the union (TS cannot spread into a union). */
type Request = ParentRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

export interface GatewayChild {
  readonly ready: ReadyMessage;
  readonly pid: number;
  stats(gc?: boolean): Promise<ProcStats>;
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startGatewayChild(config: GatewayProcConfig): Promise<GatewayChild> {
  const script = await gatewayProcBundle();
  const withBin: GatewayProcConfig = { ...config, simBin: SIM_LAUNCHER };
  const child: ChildProcess = fork(script, [JSON.stringify(withBin)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: ChildReply) => void>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('the gateway process did not become ready in time'));
    }, START_TIMEOUT_MS);
    child.on('message', (raw) => {
      const msg = raw as ChildMessage;
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg);
      } else if (msg.type === 'fatal') {
        clearTimeout(timer);
        reject(new Error(`gateway process failed: ${msg.message}`));
      } else {
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway process exited (${code ?? 'signal'}) before it was ready`));
    });
  });

  const call = (req: Request): Promise<ChildReply> =>
    new Promise((resolve, reject) => {
      if (!child.connected) return reject(new Error('the gateway process is gone'));
      const id = nextId++;
      pending.set(id, (reply) =>
        reply.type === 'error' ? reject(new Error(reply.message)) : resolve(reply),
      );
      child.send({ ...req, id } as ParentRequest);
    });

  return {
    ready,
    pid: child.pid ?? 0,
    async stats(gc = false) {
      const reply = await call({ type: 'stats', gc });
      if (reply.type !== 'stats') throw new Error(`unexpected reply ${reply.type}`);
      return reply.stats;
    },
    profileStart: async () => void (await call({ type: 'profile-start' })),
    profileStop: async (file) => void (await call({ type: 'profile-stop', file })),
    async stop() {
      if (!child.connected) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await call({ type: 'stop' }).catch(() => undefined);
      await exited;
      clearTimeout(timer);
    },
  };
}
