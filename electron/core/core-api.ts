/**
 * The core as its hosts see it: the Electron shell (through desktop/app-service.ts), the headless
 * CLI, `/internal` and the browser-test bridge. Built by create-core.ts. Hosts act on it only
 * through the IPC contract's handlers (handlers/), so one action has one implementation whoever
 * asks; they hear about changes through the contract's pushes.
 */
import type { InvokeApi, InvokeHandlers, PushFn } from '../shared/contract';
import type { HostPorts } from './handlers/host';
import type { CoreServices } from './services/core-services';

export interface Core {
  readonly dataDir: string;
  /**
   * Starts the enabled accounts' children and — when `gateway` is true, or by default when the
   * settings say so — the HTTP listener.
   */
  start(options?: { gateway?: boolean }): Promise<void>;
  /** Ordered shutdown: logins, listener, pool (every child), then keys and logs flushed. */
  stop(): Promise<void>;
  /** The whole contract, served with what `host` lends (nothing: headless). */
  handlers(host?: HostPorts): InvokeHandlers;
  /** The same handlers as named functions (`api(host).accountsLogin({ id })`). */
  api(host?: HostPorts): InvokeApi;
  /** Forwards the core's events as the contract's pushes; returns the unsubscribe. */
  connect(push: PushFn, host?: HostPorts): () => void;
  /**
   * The services behind the handlers, for the composition root and tests that read state
   * synchronously. Hosts do not act through these.
   */
  readonly services: CoreServices;
}
