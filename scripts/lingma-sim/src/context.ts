import type { AskResultPicker } from './ask-result.js';
import type { Mailbox } from './async-util.js';
import type { AuthStore } from './auth-store.js';
import type { FaultSettings } from './faults.js';
import type { LoginFlows } from './login-flows.js';
import type { ModelCatalog } from './models.js';
import type { ReasoningPicker } from './reasoning.js';
import type { RpcPeer } from './rpc-peer.js';
import type { ScenarioBook } from './scenario.js';
import type { SessionStore } from './sessions.js';
import type { JsonlFile, SimLog } from './sim-log.js';
import type { StrictOptions } from './strict-options.js';
import type { TurnRegistry } from './turn-registry.js';

/** Everything `start` needs, resolved from flags and env. */
export interface SimConfig {
  workDir: string;
  socketPort: number;
  httpPort: number;
  host: string;
  /** Port of the stand-in login site (0 = ephemeral). */
  loginSitePort: number;
  scenarioPath: string | undefined;
  faultSpecs: string[];
  lagging: boolean;
  /** How long a pushed request waits for the client's response (default 10 s). */
  requestTimeoutMs: number;
  /** How long tool steps wait for tool/call/approve, tool/invoke and tool/invokeResult. */
  toolWaitMs: number;
  /** The §13 behaviours; every default is the strict one. */
  strict: StrictOptions;
  /** `--copyDataDir`: accepted and logged; it carries no login (ZC; H). */
  copyDataDir?: string;
}

/** Process-wide state shared by the RPC methods, the HTTP servers and the turn runner. */
export interface SimContext {
  readonly config: SimConfig;
  readonly log: SimLog;
  /** One JSON line per chat/ask (logs/sim-requests.jsonl). */
  readonly requests: JsonlFile;
  /** What clients answered to tool events (logs/sim-events.jsonl). */
  readonly events: JsonlFile;
  readonly auth: AuthStore;
  readonly sessions: SessionStore;
  readonly catalog: ModelCatalog;
  readonly scenario: ScenarioBook;
  readonly faults: FaultSettings;
  readonly logins: LoginFlows;
  readonly peers: Set<RpcPeer>;
  readonly turns: TurnRegistry;
  readonly askResults: AskResultPicker;
  readonly reasoning: ReasoningPicker;
  readonly approvals: Mailbox<boolean>;
  readonly invokeResults: Mailbox<Record<string, unknown>>;
  /** Origin of the stand-in login site; set once it listens. */
  loginSiteOrigin: string;
  /** Last streamed answer, for the lagging (off-by-one) mode. */
  previousAnswer: string;
  /** Set by a simulated crash so nothing else is pushed while the process goes down. */
  halted: boolean;
}
