/**
 * Hand-written fakes of the upstream contract (SupervisorApi, LingmaClientApi) that behave like
 * the real ones where the pool depends on it: a client exists only while `running`, every restart
 * brings a new client, state changes are pushed to listeners, auth comes from the "workDir".
 */
import type {
  AuthStatus,
  ChatEvent,
  ChatRequest,
  ChatTurn,
  LingmaClientApi,
  LingmaModel,
  LoginUrl,
  SupervisorApi,
  SupervisorSnapshot,
  SupervisorState,
} from '../../lingma/types';
import type { SupervisorSpec } from '../types';

/** What a workDir holds, as far as the fakes care: the login. */
export interface FakeLogin {
  loggedIn: boolean;
  name?: string;
  userType?: string;
}

/** The fakes' file system: workDir → login. Shared by every fake of one test. */
export class FakeDisk {
  readonly logins = new Map<string, FakeLogin>();

  login(workDir: string, name = 'user@example.com'): void {
    this.logins.set(workDir, { loggedIn: true, name, userType: 'personal_standard' });
  }

  logout(workDir: string): void {
    this.logins.set(workDir, { loggedIn: false });
  }

  read(workDir: string): FakeLogin {
    return this.logins.get(workDir) ?? { loggedIn: false };
  }
}

export const FAKE_MODELS: LingmaModel[] = [
  {
    key: 'qwen3-coder',
    displayName: 'Qwen3 Coder',
    isReasoning: false,
    isVl: false,
    isDefault: true,
    scenes: ['chat'],
  },
  {
    key: 'qwen3-thinking',
    displayName: 'Qwen3 Thinking',
    isReasoning: true,
    isVl: false,
    isDefault: false,
    scenes: ['chat'],
  },
];

export class FakeLingmaClient implements LingmaClientApi {
  connected = true;
  authCalls = 0;
  /** Set to make `auth/status` fail (e.g. a dead socket). */
  authError: Error | undefined;
  models: LingmaModel[] = FAKE_MODELS;

  constructor(
    private readonly disk: FakeDisk,
    readonly workDir: string,
  ) {}

  initialize(): Promise<{ serverName: string; serverVersion: string }> {
    return Promise.resolve({ serverName: 'fake', serverVersion: '0.0.0' });
  }

  authStatus(): Promise<AuthStatus> {
    this.authCalls += 1;
    if (this.authError) return Promise.reject(this.authError);
    if (!this.connected) return Promise.reject(new Error('not connected'));
    const l = this.disk.read(this.workDir);
    return Promise.resolve({
      loggedIn: l.loggedIn,
      status: l.loggedIn ? 2 : 1,
      name: l.name,
      userType: l.userType,
      raw: { status: l.loggedIn ? 2 : 1, token: l.loggedIn ? 'pt-secret' : '' },
    });
  }

  generateLoginUrl(): Promise<LoginUrl> {
    return Promise.resolve({ loginUrl: 'https://devops.aliyun.com/lingma/login?nonce=n' });
  }

  logout(): Promise<void> {
    this.disk.logout(this.workDir);
    return Promise.resolve();
  }

  queryModels(): Promise<LingmaModel[]> {
    // Like the binary: a logged-out child lists nothing.
    return Promise.resolve(this.disk.read(this.workDir).loggedIn ? this.models : []);
  }

  chat(request: ChatRequest): ChatTurn {
    const requestId = request.requestId ?? 'r'.repeat(32);
    const events: ChatEvent[] = [
      { type: 'text', text: 'ok', overwrite: false },
      {
        type: 'finish',
        sessionId: 's1',
        statusCode: 200,
        reason: '',
        fullAnswer: 'ok',
        synthetic: false,
      },
    ];
    return {
      requestId,
      cancel: () => Promise.resolve(),
      [Symbol.asyncIterator]: async function* () {
        yield* events;
      },
    };
  }

  approveToolCall(): Promise<void> {
    return Promise.resolve();
  }

  /** Set to make raw requests (the stuck probe) fail, as from a wedged child. */
  requestError: Error | undefined;
  requests: string[] = [];

  request(method: string): Promise<unknown> {
    this.requests.push(method);
    if (this.requestError) return Promise.reject(this.requestError);
    return Promise.resolve(null);
  }

  close(): Promise<void> {
    this.connected = false;
    return Promise.resolve();
  }
}

/**
 * A supervisor whose child "starts" on the next microtask (or when the test says, with
 * `manualStart`). `crash()` / `recover()` play a crash and the backoff restart.
 */
export class FakeSupervisor implements SupervisorApi {
  readonly accountId: string;
  readonly workDir: string;
  readonly instanceId: string;
  private state: SupervisorState = 'stopped';
  private current: FakeLingmaClient | null = null;
  private restarts = 0;
  private pid = 0;
  private pending: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private readonly listeners = new Set<(s: SupervisorSnapshot) => void>();
  startCalls = 0;
  stopCalls = 0;
  healthyNotes = 0;
  private nextRestartAt: number | undefined;
  /** Makes the next start fail for good (state `crashed`). */
  failNextStart: Error | undefined;

  constructor(
    spec: SupervisorSpec,
    private readonly disk: FakeDisk,
    private readonly manualStart = false,
  ) {
    this.accountId = spec.instanceId;
    this.instanceId = spec.instanceId;
    this.workDir = spec.workDir;
  }

  get client(): FakeLingmaClient | null {
    return this.state === 'running' ? this.current : null;
  }

  snapshot(): SupervisorSnapshot {
    const s: SupervisorSnapshot = {
      accountId: this.accountId,
      workDir: this.workDir,
      state: this.state,
      restarts: this.restarts,
    };
    if (this.state === 'restarting' && this.nextRestartAt !== undefined) {
      s.nextRestartAt = this.nextRestartAt;
    }
    if (this.state === 'running' || this.state === 'starting') {
      s.pid = this.pid;
      s.socketPort = 40_000 + this.pid;
      s.httpPort = 50_000 + this.pid;
    }
    return s;
  }

  onChange(listener: (snapshot: SupervisorSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): Promise<void> {
    if (this.state === 'running') return Promise.resolve();
    this.startCalls += 1;
    this.set('starting');
    return new Promise<void>((resolve, reject) => {
      this.pending = { resolve, reject };
      if (!this.manualStart) queueMicrotask(() => this.finishStart());
    });
  }

  /** With `manualStart`: the child answers now (or fails, with `failNextStart`). */
  finishStart(): void {
    const p = this.pending;
    if (!p || this.state !== 'starting') return;
    this.pending = undefined;
    if (this.failNextStart) {
      const err = this.failNextStart;
      this.failNextStart = undefined;
      this.set('crashed');
      p.reject(err);
      return;
    }
    this.run();
    p.resolve();
  }

  stop(): Promise<void> {
    this.stopCalls += 1;
    this.pending?.reject(new Error('stopped while starting'));
    this.pending = undefined;
    void this.current?.close();
    this.current = null;
    this.set('stopped');
    return Promise.resolve();
  }

  noteHealthy(): void {
    this.healthyNotes += 1;
  }

  /** The child dies; the supervisor waits out its backoff (`restarting`) until `nextRestartAt`. */
  crash(nextRestartAt?: number): void {
    void this.current?.close();
    this.current = null;
    this.restarts += 1;
    this.nextRestartAt = nextRestartAt;
    this.set('restarting');
  }

  /** The backoff restart succeeds: a new child and a new client. */
  recover(): void {
    this.set('starting');
    this.run();
  }

  private run(): void {
    this.pid += 1;
    this.current = new FakeLingmaClient(this.disk, this.workDir);
    this.set('running');
  }

  private set(state: SupervisorState): void {
    this.state = state;
    const snap = this.snapshot();
    for (const l of [...this.listeners]) l(snap);
  }
}
