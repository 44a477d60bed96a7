/**
 * The renderer's only door to main: one named function per invoke channel (each bound to its own
 * channel — there is no generic invoke), and one subscription per push channel returning its
 * unsubscribe. Bundled to a single CommonJS file so it runs in a sandboxed renderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { INVOKE_CHANNELS, PUSH_CHANNELS, listenerName, methodName } from '../shared/contract';
import { unwrapEnvelope, type IpcEnvelope } from '../shared/envelope';

const api: Record<string, unknown> = {};

for (const channel of INVOKE_CHANNELS) {
  api[methodName(channel)] = async (request?: unknown) =>
    unwrapEnvelope((await ipcRenderer.invoke(channel, request)) as IpcEnvelope<unknown>);
}

for (const channel of PUSH_CHANNELS) {
  api[listenerName(channel)] = (listener: (payload: unknown) => void) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
}

// Tells main the renderer has subscribed, so queued pushes can flow.
api.ready = () => ipcRenderer.send('renderer:ready');

contextBridge.exposeInMainWorld('api', Object.freeze(api));
