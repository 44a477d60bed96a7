import type { RendererApi } from '../../electron/shared/contract';
import { connectWsBridge } from './bridge/ws-bridge';

declare global {
  interface Window {
    /** Exposed by the preload (electron/preload/preload.ts). */
    api?: RendererApi;
  }
}

let api: RendererApi | undefined;

/** The main-process API: the preload's in Electron, the test bridge in browser tests. */
export async function initApi(): Promise<RendererApi> {
  if (api) return api;
  if (window.api) return (api = window.api);
  const bridge = new URLSearchParams(location.search).get('bridge');
  if (bridge && /^ws:\/\/127\.0\.0\.1:\d+\//.test(bridge))
    return (api = await connectWsBridge(bridge));
  throw new Error('no main-process API');
}

export function getApi(): RendererApi {
  if (!api) throw new Error('API not initialised');
  return api;
}
