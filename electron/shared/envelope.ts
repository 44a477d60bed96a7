import type { IpcErrorDto } from './contract';

/**
 * Invoke replies travel as an envelope so the renderer gets the handler's own message and code,
 * not Electron's "Error invoking remote method …" wrapping (and never a stack trace).
 */
export type IpcEnvelope<T> = { ok: true; result: T } | { ok: false; error: IpcErrorDto };

export function errorToDto(err: unknown): IpcErrorDto {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'error', message: err.message };
  }
  return { code: 'error', message: String(err) };
}

export function unwrapEnvelope<T>(envelope: IpcEnvelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
}
