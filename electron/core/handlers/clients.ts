/**
 * `clients:*`: one-click setup with the gateway's real address, a key of the tool's own (so it
 * can be revoked alone) and the model the user picked.
 */
import type { InvokeHandlers } from '../../shared/contract';
import { CLIENT_NAMES } from '../../shared/client-names';
import type { ClientId, GatewayStatusDto } from '../../shared/dto';
import type { CoreServices } from '../services/core-services';
import { unsupported, type HostPorts } from './host';

type Keys = Pick<InvokeHandlers, 'keys:list' | 'keys:create' | 'keys:reveal'>;

/** The origin tools should use: the live address, else the configured one. */
export function gatewayOrigin(g: GatewayStatusDto): string {
  if (g.baseUrl) return g.baseUrl;
  const host = g.host === '0.0.0.0' || g.host === '::' ? '127.0.0.1' : g.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${g.port}`;
}

async function keyFor(keys: Keys, id: ClientId): Promise<{ name: string; secret: string }> {
  // The keys table then shows which tool holds which key.
  const name = `${CLIENT_NAMES[id]} (one-click setup)`;
  const existing = (await keys['keys:list']()).find((k) => k.name === name && !k.readOnly);
  if (existing) return { name, secret: await keys['keys:reveal']({ id: existing.id }) };
  const created = await keys['keys:create']({ name });
  return { name, secret: created.secret };
}

export function clientHandlers(
  s: CoreServices,
  host: HostPorts,
  keys: Keys,
  models: Pick<InvokeHandlers, 'models:list'>,
): Pick<InvokeHandlers, 'clients:detect' | 'clients:apply' | 'clients:restore'> {
  const clients = () => {
    if (!host.clients) throw unsupported('Setting up tools');
    return host.clients;
  };
  return {
    'clients:detect': async () => clients().detect(gatewayOrigin(s.gateway.status())),
    'clients:apply': async ({ id, model, acceptSyncRisk }) => {
      const setup = clients();
      const listed = (await models['models:list']().catch(() => [])).map((m) => m.id);
      const chosen = model || s.settings.get().models.defaultModel || listed[0] || 'auto';
      const key = await keyFor(keys, id);
      const r = await setup.apply(
        id,
        {
          origin: gatewayOrigin(s.gateway.status()),
          key: key.secret,
          model: chosen,
          models: listed,
        },
        { acceptSyncRisk: acceptSyncRisk === true },
      );
      return { ...r, keyName: key.name };
    },
    'clients:restore': async ({ id, force }) => clients().restore(id, force === true),
  };
}
