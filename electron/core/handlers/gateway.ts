/** `gateway:*`: the HTTP listener, switched on and off (see services/core-lifecycle.ts). */
import type { InvokeHandlers } from '../../shared/contract';
import type { CoreServices } from '../services/core-services';

export function gatewayHandlers(
  s: CoreServices,
): Pick<InvokeHandlers, 'gateway:status' | 'gateway:start' | 'gateway:stop'> {
  return {
    'gateway:status': async () => s.gateway.status(),
    'gateway:start': () => s.lifecycle.startGateway(),
    'gateway:stop': () => s.lifecycle.stopGateway(),
  };
}
