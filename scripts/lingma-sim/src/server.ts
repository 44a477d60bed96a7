import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { Mailbox, sleep } from './async-util.js';
import { AuthStore } from './auth-store.js';
import { writeFileAtomic } from './cache-files.js';
import { SIM_VERSION } from './cli.js';
import type { SimConfig, SimContext } from './context.js';
import { applyFaultSpecs, DEFAULT_FAULTS } from './faults.js';
import { createLocalHttp } from './local-http.js';
import { startLoginSite } from './login-site.js';
import { LoginFlows } from './login-flows.js';
import { createDispatcher } from './methods.js';
import { ModelCatalog } from './models.js';
import { RpcPeer } from './rpc-peer.js';
import { loadScenario, ScenarioBook } from './scenario.js';
import { SessionStore } from './sessions.js';
import { JsonlFile, SimLog } from './sim-log.js';
import { TurnRegistry } from './turn-registry.js';
import { runTurn } from './turn-runner.js';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function createContext(config: SimConfig, log: SimLog): SimContext {
  const scenario = config.scenarioPath ? loadScenario(config.scenarioPath) : undefined;
  const faults = applyFaultSpecs(DEFAULT_FAULTS, [
    ...(scenario?.faults ?? []),
    ...config.faultSpecs,
  ]);
  faults.lagging ||= config.lagging || scenario?.lagging === true;
  const logs = join(config.workDir, 'logs');
  const ctx: SimContext = {
    config,
    log,
    requests: new JsonlFile(join(logs, 'sim-requests.jsonl')),
    events: new JsonlFile(join(logs, 'sim-events.jsonl')),
    auth: new AuthStore(config.workDir, log),
    sessions: new SessionStore(),
    catalog: new ModelCatalog(scenario?.models),
    scenario: new ScenarioBook(scenario),
    faults,
    logins: new LoginFlows(),
    peers: new Set(),
    turns: new TurnRegistry((turn) => runTurn(ctx, turn)),
    approvals: new Mailbox(),
    invokeResults: new Mailbox(),
    loginSiteOrigin: '',
    previousAnswer: '',
    halted: false,
  };
  if (config.scenarioPath) log.info(`Using scenario: ${config.scenarioPath}`);
  log.info(`Simulator faults: ${JSON.stringify(faults)}`);
  return ctx;
}

/**
 * `Lingma start`: WebSocket JSON-RPC on socketPort, the binary's HTTP server on httpPort, and
 * the stand-in login site on an ephemeral port. Resolves once all listen and `.info` is written.
 */
export async function startServer(config: SimConfig): Promise<() => Promise<void>> {
  mkdirSync(join(config.workDir, 'logs'), { recursive: true });
  const log = new SimLog(join(config.workDir, 'logs', 'lingma.log'));
  log.info(
    `Lingma simulator ${SIM_VERSION} starting, pid ${process.pid}, workDir ${config.workDir}`,
  );
  // stderr is discarded by the product, so a crash must at least reach lingma.log.
  process.on('uncaughtException', (err) => {
    log.error(`uncaught exception: ${err.stack ?? err.message}`);
    process.exit(1);
  });
  try {
    return await listenAll(config, log);
  } catch (err) {
    log.error(`start failed: ${(err as Error).message}`);
    throw err;
  }
}

async function listenAll(config: SimConfig, log: SimLog): Promise<() => Promise<void>> {
  const ctx = createContext(config, log);
  if (ctx.faults.slowStartMs > 0) {
    log.info(`simulated slow start: ${ctx.faults.slowStartMs} ms`);
    await sleep(ctx.faults.slowStartMs);
  }

  const site = await startLoginSite(config.host, config.loginSitePort);
  ctx.loginSiteOrigin = site.origin;
  const http = createLocalHttp(ctx);
  const httpPort = await listen(http, config.httpPort, config.host);
  // Tests pass port 0; the login URL and logs must carry the real one.
  config.httpPort = httpPort;
  const wss = new WebSocketServer({ port: config.socketPort, host: config.host });
  const socketPort = await new Promise<number>((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => resolve((wss.address() as AddressInfo).port));
  });
  config.socketPort = socketPort;
  const dispatch = createDispatcher(ctx);
  wss.on('connection', (socket) => {
    const peer = new RpcPeer(socket, log, config.requestTimeoutMs, dispatch);
    ctx.peers.add(peer);
    log.info(`connection ${peer.connectionId} opened`);
    peer.addCloseListener(() => {
      ctx.peers.delete(peer);
      ctx.turns.forget(peer);
    });
  });

  log.info(`Using http server: http://${config.host}:${httpPort}`);
  log.info(`Using simulated login site: ${site.origin}`);
  log.info(`Communication servers ready - WebSocket: ${socketPort}, HTTP: ${httpPort}`);
  writeFileAtomic(
    join(config.workDir, '.info'),
    JSON.stringify({
      websocketPort: socketPort,
      pid: process.pid,
      ipcServerPath: '',
      isDev: false,
    }),
  );

  return async () => {
    log.info('shutting down');
    for (const peer of ctx.peers) peer.close();
    await Promise.allSettled([
      new Promise((r) => wss.close(r)),
      new Promise((r) => {
        http.closeAllConnections();
        http.close(r);
      }),
      new Promise((r) => {
        site.server.closeAllConnections();
        site.server.close(r);
      }),
    ]);
  };
}
