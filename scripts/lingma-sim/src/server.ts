import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { Mailbox, sleep } from './async-util.js';
import { AskResultPicker } from './ask-result.js';
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
import { ReasoningPicker } from './reasoning.js';
import { RpcPeer } from './rpc-peer.js';
import { loadScenario, ScenarioBook } from './scenario.js';
import { SessionStore } from './sessions.js';
import { JsonlFile, SimLog } from './sim-log.js';
import { TurnRegistry } from './turn-registry.js';
import { runTurn } from './turn-runner.js';

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Listens on the requested port. When it is taken the real outcome is unknown (L, §13.19): `fail`
 * ends the start with EADDRINUSE; `rebind` takes another port and says so in lingma.log only,
 * like the binary's `GetHttpPortRange` suggests it might — a client that trusts the port it
 * passed instead of the logged one then dials nothing.
 */
async function listen(
  server: Server,
  port: number,
  host: string,
  ctx: SimContext,
): Promise<number> {
  try {
    return await listenOnce(server, port, host);
  } catch (err) {
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!inUse || ctx.config.strict.portTaken !== 'rebind' || port === 0) throw err;
    const other = await listenOnce(server, 0, host);
    ctx.log.warn(`port ${port} is already in use, listening on ${other} instead`);
    return other;
  }
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
    catalog: new ModelCatalog(scenario?.models, config.strict.catalogue),
    scenario: new ScenarioBook(scenario),
    faults,
    logins: new LoginFlows(),
    peers: new Set(),
    turns: new TurnRegistry((turn) => runTurn(ctx, turn)),
    askResults: new AskResultPicker(config.strict.askResult),
    reasoning: new ReasoningPicker(config.strict.reasoning),
    approvals: new Mailbox(),
    invokeResults: new Mailbox(),
    loginSiteOrigin: '',
    previousAnswer: '',
    halted: false,
  };
  if (config.scenarioPath) log.info(`Using scenario: ${config.scenarioPath}`);
  log.info(`Simulator faults: ${JSON.stringify(faults)}`);
  log.info(`Simulator strictness: ${JSON.stringify(config.strict)}`);
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

/**
 * No token is needed on the WebSocket (H), but an upgrade whose Origin names another host than
 * its Host is refused — a common library default, untested on the binary (L, §13.18). Clients
 * that send no Origin (Go, Node) or a matching one (ZC's Python) pass.
 */
function originAllowed(ctx: SimContext, info: { origin: string; req: IncomingMessage }): boolean {
  if (!info.origin) return true;
  let host = '';
  try {
    host = new URL(info.origin).host;
  } catch {
    // An Origin that is not a URL is refused like a foreign one.
  }
  if (host !== '' && host === info.req.headers.host) return true;
  ctx.log.warn(`illegal websocket request has been denied: origin ${JSON.stringify(info.origin)}`);
  return false;
}

async function listenAll(config: SimConfig, log: SimLog): Promise<() => Promise<void>> {
  const ctx = createContext(config, log);
  if (config.copyDataDir) {
    // ZC: the login does not carry across this way ("No cached user info"; H).
    log.info(`copyDataDir ${config.copyDataDir}: nothing copied, the login stays where it was`);
  }
  if (ctx.faults.slowStartMs > 0) {
    log.info(`simulated slow start: ${ctx.faults.slowStartMs} ms`);
    await sleep(ctx.faults.slowStartMs);
  }

  const site = await startLoginSite(config.host, config.loginSitePort);
  ctx.loginSiteOrigin = site.origin;
  const http = createLocalHttp(ctx);
  const httpPort = await listen(http, config.httpPort, config.host, ctx);
  // Tests pass port 0; the login URL and logs must carry the real one.
  config.httpPort = httpPort;
  // The upgrade is served by a plain HTTP server so a taken port follows the same rule as HTTP.
  const wsHttp = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({
    server: wsHttp,
    verifyClient: (info: { origin: string; req: IncomingMessage }) => originAllowed(ctx, info),
  });
  // ws re-emits its server's errors; a taken port is handled by listen() below.
  wss.on('error', (err) => log.warn(`websocket server error: ${err.message}`));
  const socketPort = await listen(wsHttp, config.socketPort, config.host, ctx);
  config.socketPort = socketPort;
  const dispatch = createDispatcher(ctx);
  wss.on('connection', (socket) => {
    const peer = new RpcPeer(socket, log, config.requestTimeoutMs, dispatch);
    ctx.peers.add(peer);
    log.info(`connection ${peer.connectionId} opened`);
    // Its running turns go on; their pushes are dropped by the closed peer (§13.6).
    peer.addCloseListener(() => ctx.peers.delete(peer));
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
        wsHttp.closeAllConnections();
        wsHttp.close(r);
      }),
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
