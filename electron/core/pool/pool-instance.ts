/**
 * One Lingma child as the pool sees it: its supervisor, what the last auth check said, the models
 * it lists and its counters. It reports every change to its host; the host derives routing and
 * events from that.
 */
import type {
  LingmaClientApi,
  LingmaModel,
  SupervisorApi,
  SupervisorSnapshot,
} from '../lingma/types';
import type { Logger } from '../util/logger';
import { deriveInstanceState, type AuthKnowledge } from './instance-state';
import type { InstanceSnapshot, InstanceState, SupervisorSpec } from './types';

/** What an instance needs from the pool that owns it. */
export interface InstanceHost {
  now(): number;
  logger: Logger;
  cooldownUntil(accountId: string): number | undefined;
  /** Something about `instance` changed (state, counters, auth, models…). */
  changed(instance: PoolInstance, cause: InstanceChange): void;
}

/** Why the host is told. `restarted` means the child's sessions are gone. */
export type InstanceChange = 'supervisor' | 'restarted' | 'auth' | 'models' | 'counters';

/** One instance: a supervisor plus everything the pool learnt about its current child. */
export class PoolInstance {
  readonly id: string;
  readonly accountId: string;
  readonly workerIndex: number;
  readonly workDir: string;
  accountName: string;
  inFlight = 0;
  served = 0;
  errors = 0;
  lastError: string | undefined;
  lastUsedAt = 0;
  /** Last auth result of any run; survives restarts so "never logged in" can be told apart. */
  lastKnownLoggedIn: boolean | undefined;
  /** Turn timeouts since the last successful turn (a second one in a row means a stuck child). */
  timeoutsSinceSuccess = 0;
  /** Set while a stuck check runs: no new leases until it resumes or restarts the child. */
  suspended = false;
  private auth: AuthKnowledge = 'unknown';
  private user: { name?: string; userType?: string } | undefined;
  private models: LingmaModel[] | undefined;
  private modelsLoading: Promise<LingmaModel[]> | undefined;
  private authCheck: Promise<AuthKnowledge> | undefined;
  private sup: SupervisorSnapshot | undefined;
  private runningClient: LingmaClientApi | null = null;
  private unsubscribe: (() => void) | undefined;

  /** `supervisor` is null for a disabled account's placeholder. */
  constructor(
    spec: SupervisorSpec,
    accountName: string,
    private readonly supervisor: SupervisorApi | null,
    private readonly host: InstanceHost,
  ) {
    this.id = spec.instanceId;
    this.accountId = spec.accountId;
    this.workerIndex = spec.workerIndex;
    this.workDir = spec.workDir;
    this.accountName = accountName;
    this.sup = supervisor?.snapshot();
  }

  get enabled(): boolean {
    return this.supervisor !== null;
  }

  get authKnowledge(): AuthKnowledge {
    return this.auth;
  }

  state(): InstanceState {
    return deriveInstanceState({
      enabled: this.enabled,
      supervisor: this.sup?.state,
      auth: this.auth,
      cooldownUntil: this.host.cooldownUntil(this.accountId),
      now: this.host.now(),
    });
  }

  /** False while a stuck check holds the instance back from new leases. */
  leasable(): boolean {
    return !this.suspended;
  }

  /**
   * While the supervisor waits to restart a crashed child: when it is due (now, for the immediate
   * restart after an isolated crash). Undefined otherwise.
   */
  restartAt(): number | undefined {
    if (this.sup?.state !== 'restarting') return undefined;
    return this.sup.nextRestartAt ?? this.host.now();
  }

  /** The child's client while it runs (logged in or not), else null. */
  client(): LingmaClientApi | null {
    return this.supervisor?.client ?? null;
  }

  /** Subscribes to the supervisor and starts it; a failed first start shows as `crashed`. */
  start(): void {
    const sup = this.supervisor;
    if (!sup) return;
    this.unsubscribe ??= sup.onChange((s) => this.onSupervisor(s));
    sup.start().catch((err: unknown) => {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.host.logger.warn('Lingma instance failed to start', { instanceId: this.id, err });
      this.onSupervisor(sup.snapshot());
    });
  }

  async stop(): Promise<void> {
    const sup = this.supervisor;
    if (!sup) return;
    try {
      await sup.stop();
    } finally {
      this.onSupervisor(sup.snapshot());
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }

  /** Stop then start, e.g. after fresh login files were copied in. */
  async restart(): Promise<void> {
    const sup = this.supervisor;
    if (!sup) return;
    await sup.stop();
    this.start();
  }

  /** A turn succeeded: a later crash of this child is isolated, not a crash loop. */
  succeeded(): void {
    this.timeoutsSinceSuccess = 0;
    this.supervisor?.noteHealthy?.();
  }

  /** Asks the child for `auth/status` (one check at a time) and records the answer. */
  checkAuth(): Promise<AuthKnowledge> {
    this.authCheck ??= this.runAuthCheck().finally(() => (this.authCheck = undefined));
    return this.authCheck;
  }

  /** Upstream said "not logged in" mid-turn: stop routing here until a check says otherwise. */
  markLoggedOut(): void {
    if (this.auth === 'logged-out' || !this.runningClient) return;
    this.auth = 'logged-out';
    this.lastKnownLoggedIn = false;
    this.host.changed(this, 'auth');
  }

  /** The models this child lists, loading them once per run (errors → empty, retried later). */
  ensureModels(): Promise<LingmaModel[]> {
    if (this.models) return Promise.resolve(this.models);
    return this.loadModels();
  }

  /** Reloads the model list (on every entry into `ready`: a re-login may change it). */
  loadModels(): Promise<LingmaModel[]> {
    const client = this.runningClient;
    if (!client) return Promise.resolve([]);
    this.modelsLoading ??= client
      .queryModels()
      .then((models) => {
        if (this.runningClient === client && models.length > 0) {
          this.models = models;
          this.host.changed(this, 'models');
        }
        return models;
      })
      .catch((err: unknown) => {
        this.host.logger.warn('could not load models', { instanceId: this.id, err });
        return [];
      })
      .finally(() => (this.modelsLoading = undefined));
    return this.modelsLoading;
  }

  snapshot(): InstanceSnapshot {
    const s: InstanceSnapshot = {
      id: this.id,
      accountId: this.accountId,
      accountName: this.accountName,
      workerIndex: this.workerIndex,
      state: this.state(),
      inFlight: this.inFlight,
      served: this.served,
      errors: this.errors,
      models: this.models?.length ?? 0,
      restarts: this.sup?.restarts ?? 0,
    };
    // A process problem explains a crashed/starting instance better than the last failed turn.
    const down = s.state === 'crashed' || s.state === 'starting';
    const lastError = down
      ? (this.sup?.lastError ?? this.lastError)
      : (this.lastError ?? this.sup?.lastError);
    if (lastError) s.lastError = lastError;
    const cooldownUntil = this.host.cooldownUntil(this.accountId);
    if (cooldownUntil !== undefined) s.cooldownUntil = cooldownUntil;
    if (this.user) s.user = { ...this.user };
    if (this.sup?.pid !== undefined) s.pid = this.sup.pid;
    if (this.sup?.socketPort !== undefined) s.socketPort = this.sup.socketPort;
    if (this.sup?.httpPort !== undefined) s.httpPort = this.sup.httpPort;
    return s;
  }

  private onSupervisor(snapshot: SupervisorSnapshot): void {
    this.sup = snapshot;
    const client = snapshot.state === 'running' ? (this.supervisor?.client ?? null) : null;
    if (client === this.runningClient) {
      this.host.changed(this, 'supervisor');
      return;
    }
    // A new child (or none): everything learnt from the previous one is void.
    const hadClient = this.runningClient !== null;
    this.runningClient = client;
    this.auth = 'unknown';
    this.timeoutsSinceSuccess = 0;
    this.modelsLoading = undefined;
    this.host.changed(this, hadClient ? 'restarted' : 'supervisor');
    if (client) void this.checkAuth();
  }

  private async runAuthCheck(): Promise<AuthKnowledge> {
    const client = this.runningClient;
    if (!client) return this.auth;
    try {
      const status = await client.authStatus();
      if (this.runningClient !== client) return this.auth; // answer from a child that is gone
      const next: AuthKnowledge = status.loggedIn ? 'logged-in' : 'logged-out';
      const user = status.loggedIn ? { name: status.name, userType: status.userType } : undefined;
      const changed = next !== this.auth || JSON.stringify(user) !== JSON.stringify(this.user);
      this.auth = next;
      this.user = user;
      this.lastKnownLoggedIn = status.loggedIn;
      if (changed) this.host.changed(this, 'auth');
    } catch (err) {
      // Keep what we knew: a dead connection is the supervisor's to report.
      this.host.logger.debug('auth check failed', { instanceId: this.id, err });
    }
    return this.auth;
  }
}
