import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  playBrowserLogin,
  startSimulator,
  type RunningSimulator,
  type StartSimulatorOptions,
} from '../testing.js';
import { RawRpcClient } from './raw-rpc-client.js';

export interface SimSession {
  sim: RunningSimulator;
  client: RawRpcClient;
}

/** Starts a simulator, connects a raw client and sends `initialize`. */
export async function openSim(opts: StartSimulatorOptions = {}): Promise<SimSession> {
  const sim = await startSimulator(opts);
  const client = await RawRpcClient.connect(sim.socketPort);
  await client.request('initialize', {
    processId: null,
    rootUri: 'file:///tmp/project',
    capabilities: {},
  });
  return { sim, client };
}

/** Logs in through the simulated browser flow and waits until auth/status says so. */
export async function loginSim(client: RawRpcClient, username = 'sim-user'): Promise<void> {
  const gen = await client.request('login/generateUrl', { loginDedicatedType: '' });
  const { loginUrl } = gen.result as { loginUrl: string };
  const page = await playBrowserLogin(loginUrl, { username });
  if (page.status !== 200) throw new Error(`login failed: ${page.finalHtml}`);
}

export async function closeSim(s: SimSession | undefined): Promise<void> {
  s?.client.close();
  await s?.sim.stop();
}

/** Parsed lines of a JSONL file under logs/. */
export function readJsonl(sim: RunningSimulator, name: string): Record<string, unknown>[] {
  return readFileSync(join(sim.workDir, 'logs', name), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The agent-mode params the evidence supports: mode agent + sessionType assistant (PAA; M). */
export const AGENT = { mode: 'agent', sessionType: 'assistant' } as const;

/** The first model of a scene, i.e. the default a client must pick itself (§7: no isDefault). */
export async function firstModel(client: RawRpcClient, scene = 'chat'): Promise<string> {
  const map = (await client.request('config/queryModels', {})).result as Record<
    string,
    { key: string }[]
  >;
  return map[scene]?.[0]?.key ?? '';
}

/** Minimal chat/ask params, as a client would send them. */
export function askParams(
  questionText: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    requestId: `req-${Math.random().toString(16).slice(2)}`,
    chatTask: 'FREE_INPUT',
    chatContext: null,
    sessionId: '',
    codeLanguage: '',
    isReply: false,
    source: 1,
    questionText,
    stream: true,
    taskDefinitionType: '',
    extra: null,
    sessionType: 'chat',
    mode: 'chat',
    ...extra,
  };
}
