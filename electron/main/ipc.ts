import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS, type InvokeHandlers } from '../shared/contract';
import { errorToDto, type IpcEnvelope } from '../shared/envelope';
import { validateRequest } from '../shared/validate';
import { isTrustedSender } from './sender-check';

/**
 * Registers one handler per contract channel: sender check, payload validation, then the core's
 * handler; replies are envelopes. Raw ipcMain use is confined to this file.
 */
export function registerIpc(
  handlers: InvokeHandlers,
  ownUrl: string,
  onReady: () => void,
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(
      channel,
      async (event: IpcMainInvokeEvent, raw: unknown): Promise<IpcEnvelope<unknown>> => {
        if (!isTrustedSender(event.senderFrame?.url, ownUrl)) {
          return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender.' } };
        }
        try {
          const request = validateRequest(channel, raw ?? undefined);
          const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
          return { ok: true, result: await handler(request) };
        } catch (err) {
          return { ok: false, error: errorToDto(err) };
        }
      },
    );
  }
  const ready = (event: { senderFrame?: { url: string } | null }) => {
    if (isTrustedSender(event.senderFrame?.url, ownUrl)) onReady();
  };
  ipcMain.on('renderer:ready', ready);
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
    ipcMain.removeListener('renderer:ready', ready);
  };
}
