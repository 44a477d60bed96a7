/**
 * The `clients:*` handlers: one-click setup with the gateway's real address, a key of the tool's
 * own (so it can be revoked alone) and the model the user picked.
 */
import type { InvokeHandlers } from '../../shared/contract';
import { CLIENT_NAMES } from '../../shared/client-names';
import type { ClientId } from '../../shared/dto';
import type { ClientSetup } from '../client-setup/client-setup';
import type { CoreApi } from '../core-api';

/** The origin tools should use: the live address, else the configured one. */
export function gatewayOrigin(core: CoreApi): string {
  const g = core.gatewayStatus();
  if (g.baseUrl) return g.baseUrl;
  const host = g.host === '0.0.0.0' || g.host === '::' ? '127.0.0.1' : g.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${g.port}`;
}

async function keyFor(core: CoreApi, id: ClientId): Promise<{ name: string; secret: string }> {
  // The keys table then shows which tool holds which key.
  const name = `${CLIENT_NAMES[id]} (one-click setup)`;
  const existing = (await core.listKeys()).find((k) => k.name === name && !k.readOnly);
  if (existing) return { name, secret: await core.revealKey(existing.id) };
  const created = await core.createKey(name);
  return { name, secret: created.secret };
}

export function clientHandlers(
  core: CoreApi,
  clients: ClientSetup,
): Pick<InvokeHandlers, 'clients:detect' | 'clients:apply' | 'clients:restore'> {
  return {
    'clients:detect': () => clients.detect(gatewayOrigin(core)),
    'clients:apply': async ({ id, model, acceptSyncRisk }) => {
      const models = (await core.listModels().catch(() => [])).map((m) => m.id);
      const chosen = model || core.getSettings().models.defaultModel || models[0] || 'auto';
      const key = await keyFor(core, id);
      const r = await clients.apply(
        id,
        { origin: gatewayOrigin(core), key: key.secret, model: chosen, models },
        { acceptSyncRisk: acceptSyncRisk === true },
      );
      return { ...r, keyName: key.name };
    },
    'clients:restore': ({ id, force }) => clients.restore(id, force === true),
  };
}
