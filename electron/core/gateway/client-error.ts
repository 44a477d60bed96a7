/**
 * Node's HTTP parser rejects some requests before Express ever sees them (malformed chunking,
 * oversized headers, a request that takes too long to arrive). Its default reply is a bare
 * status line; this one answers in the error shape of the API the path belongs to, so SDKs can
 * still parse it, and closes the connection.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { anthropicErrorBody, ApiError, openAiErrorBody } from './errors';
import { protocolForPath } from './middleware/api-shape';

interface ParserError extends Error {
  code?: string;
  rawPacket?: Buffer;
}

/** The status and message for a parser or socket error, or undefined to just close. */
export function classifyClientError(
  err: ParserError,
): { status: number; message: string } | undefined {
  switch (err.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'Request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request did not arrive in time.' };
    default:
      return { status: 400, message: `Malformed HTTP request (${err.code ?? 'parse error'}).` };
  }
}

/**
 * The raw HTTP response for `err`, shaped by the request path: the request in progress when the
 * body was malformed, else the request line the parser saw.
 */
export function clientErrorResponse(err: ParserError, url?: string): string | undefined {
  const c = classifyClientError(err);
  if (!c) return undefined;
  const line = /^[A-Z]+ (\S+) HTTP\//.exec(err.rawPacket?.toString('latin1', 0, 2048) ?? '');
  const protocol = protocolForPath((url ?? line?.[1] ?? '').split('?')[0] ?? '');
  const kind = c.status === 431 ? 'request_too_large' : 'invalid_request';
  const apiError = new ApiError(kind, c.message, { status: c.status, code: err.code ?? null });
  const body = JSON.stringify(
    protocol === 'anthropic' ? anthropicErrorBody(apiError) : openAiErrorBody(apiError),
  );
  return (
    `HTTP/1.1 ${c.status} ${STATUS_CODES[c.status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** The response in progress on a socket, as Node's HTTP server keeps it. */
interface InProgress {
  headersSent?: boolean;
  req?: { url?: string };
}

/** The listener's `clientError` handler. */
export function answerClientError(err: ParserError, socket: Duplex): void {
  // Node's own default handler reads the same field: a response whose headers already left
  // cannot be replaced, so the connection is just closed.
  const current = (socket as Duplex & { _httpMessage?: InProgress | null })._httpMessage;
  const response = clientErrorResponse(err, current?.req?.url);
  if (!response || !socket.writable || current?.headersSent === true) {
    socket.destroy();
    return;
  }
  socket.end(response);
  socket.once('finish', () => socket.destroy());
}
