/**
 * The contract's pushes (main → renderer): the core's events, forwarded as they happen. Hosts
 * batch or queue them as they need (the desktop: electron/main/push-batcher.ts).
 */
import type { PushFn } from '../../shared/contract';
import type { CoreServices } from '../services/core-services';
import { accountList } from './accounts';
import type { HostPorts } from './host';

/** Forwards every core event as its push; returns the unsubscribe. */
export function connectPushes(s: CoreServices, push: PushFn, host: HostPorts = {}): () => void {
  const logs = s.logs.subscribe((change) => push('logs:changed', change));
  const offs = [
    s.gateway.onChange((status) => push('gateway:changed', status)),
    s.pool.onChange(() => push('accounts:changed', accountList(s))),
    s.logins.onProgress((progress) => push('login:progress', progress)),
    () => logs.close(),
    s.binary.onProgress((status) => push('binary:progress', status)),
    s.settings.onChange((settings) => push('settings:changed', settings)),
    ...(host.updates ? [host.updates.onChange((status) => push('update:changed', status))] : []),
  ];
  return () => offs.forEach((off) => off());
}
