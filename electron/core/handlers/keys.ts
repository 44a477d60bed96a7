/** `keys:*`: the gateway's API keys (a new key is redacted from every log line at once). */
import type { InvokeHandlers } from '../../shared/contract';
import { registerSecret } from '../logs/redact';
import type { CoreServices } from '../services/core-services';

export function keyHandlers(
  s: CoreServices,
): Pick<InvokeHandlers, 'keys:list' | 'keys:create' | 'keys:revoke' | 'keys:reveal'> {
  return {
    'keys:list': async () => s.keys.list(),
    'keys:create': async ({ name }) => {
      const { info, key } = await s.keys.create(name);
      registerSecret(key);
      return { key: info, secret: key };
    },
    'keys:revoke': ({ id }) => s.keys.revoke(id),
    'keys:reveal': ({ id }) => s.keys.reveal(id),
  };
}
