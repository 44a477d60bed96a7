/**
 * Property-based request bodies for every POST endpoint (fast-check): random JSON, valid requests
 * with fields replaced or removed, random bytes, and all of them under random Content-Types and
 * Content-Encodings (real gzip/br/deflate, corrupt ones, unknown ones). Shared by the fuzz test in
 * the suite and `npm run soak`, which sends more of them at a gateway in its own process.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** Every POST route the gateway serves (fuzz.test.ts checks the list against the routes). */
export const POST_ENDPOINTS = [
  '/v1/chat/completions',
  '/v1/messages',
  '/v1/messages/count_tokens',
  '/v1/responses',
  '/internal/login/start',
  '/internal/login/paste',
  '/internal/auto-login/start',
  '/internal/session/export',
] as const;

export type PostEndpoint = (typeof POST_ENDPOINTS)[number];

/** A valid body per endpoint, the starting point of most mutations. */
export function validBody(endpoint: string, accountId: string): Record<string, unknown> {
  const messages = [{ role: 'user', content: 'fuzz hello' }];
  switch (endpoint) {
    case '/v1/chat/completions':
      return { model: 'auto', messages };
    case '/v1/messages':
      return { model: 'auto', max_tokens: 32, messages };
    case '/v1/messages/count_tokens':
      return { model: 'auto', messages };
    case '/v1/responses':
      return { model: 'auto', input: 'fuzz hello' };
    case '/internal/login/paste':
      return {
        account: accountId,
        url: 'http://127.0.0.1:37510/auth/callback?state=0123456789abcdef0123456789abcdef&auth=a&token=b',
      };
    case '/internal/session/export':
      return { account: accountId, passphrase: 'correct horse battery' };
    default:
      return { account: accountId };
  }
}

export interface FuzzCase {
  endpoint: string;
  body: Buffer;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  /** Send the right credential for the endpoint (else none or a wrong one). */
  auth: 'good' | 'none' | 'bad';
}

const FIELDS = [
  'model',
  'messages',
  'max_tokens',
  'stream',
  'input',
  'tools',
  'tool_choice',
  'system',
  'temperature',
  'account',
  'passphrase',
  'response_format',
  'stream_options',
  'metadata',
];

/** A JSON value of any shape, kept small enough to send quickly. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Content the endpoint might accept: strings, content-block arrays, odd roles. */
const messageLike = fc.oneof(
  fc.record({
    role: fc.constantFrom('user', 'assistant', 'system', 'tool', 'developer', 'function', 'x'),
    content: fc.oneof(
      fc.string(),
      fc.array(
        fc.record({
          type: fc.constantFrom('text', 'image', 'image_url', 'tool_use', 'tool_result', 'zzz'),
          text: fc.oneof(fc.string(), anyJson),
        }),
        { maxLength: 3 },
      ),
      anyJson,
    ),
  }),
  anyJson,
);

function mutated(endpoint: string, accountId: string): fc.Arbitrary<unknown> {
  const edit = fc.record({
    field: fc.constantFrom(...FIELDS),
    value: fc.oneof(
      anyJson,
      fc.array(messageLike, { maxLength: 3 }),
      fc.constant(undefined),
      fc.constantFrom(true, false, 0, -1, 1e9, 'auto', 'agent', accountId, 'no-such-account'),
    ),
  });
  return fc.array(edit, { maxLength: 3 }).map((edits) => {
    const body: Record<string, unknown> = validBody(endpoint, accountId);
    for (const { field, value } of edits) {
      if (value === undefined) delete body[field];
      else body[field] = value;
    }
    return body;
  });
}

function encode(raw: Buffer, encoding: string | undefined): Buffer {
  switch (encoding) {
    case 'gzip':
      return gzipSync(raw);
    case 'br':
      return brotliCompressSync(raw);
    case 'deflate':
      return deflateSync(raw);
    default:
      return raw;
  }
}

/** One request: endpoint, body bytes, headers. */
export function fuzzCase(accountId: string): fc.Arbitrary<FuzzCase> {
  return fc.constantFrom(...POST_ENDPOINTS).chain((endpoint) =>
    fc
      .record({
        payload: fc.oneof(
          { weight: 3, arbitrary: fc.constant(jsonBytes(validBody(endpoint, accountId))) },
          { weight: 4, arbitrary: mutated(endpoint, accountId).map((v) => jsonBytes(v)) },
          { weight: 2, arbitrary: anyJson.map((v) => jsonBytes(v)) },
          { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)) },
          { weight: 1, arbitrary: fc.string({ maxLength: 64 }).map((s) => Buffer.from(s)) },
        ),
        contentType: fc.constantFrom(
          'application/json',
          'application/json',
          'application/json',
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=utf-16',
          'application/json; charset=klingon',
          undefined,
        ),
        encoding: fc.constantFrom(
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          'gzip',
          'br',
          'deflate',
          'zstd',
          'gzip, br',
        ),
        corrupt: fc.boolean(),
        auth: fc.constantFrom('good', 'good', 'good', 'good', 'good', 'none', 'bad'),
      })
      .map(({ payload, contentType, encoding, corrupt, auth }) => ({
        endpoint,
        // A corrupt body claims an encoding it does not have (or is cut short).
        body:
          corrupt && encoding
            ? encode(payload, encoding).subarray(0, 7)
            : encode(payload, encoding),
        contentType,
        contentEncoding: encoding,
        auth: auth as FuzzCase['auth'],
      })),
  );
}

function jsonBytes(v: unknown): Buffer {
  return Buffer.from(JSON.stringify(v) ?? 'null');
}

export interface FuzzResult {
  status: number;
  /** The reply is in the API's error shape (or a success). */
  shaped: boolean;
  body: string;
}

/** Sends one case and reads the whole answer (SSE included). */
export async function sendFuzzCase(
  baseUrl: string,
  c: FuzzCase,
  creds: { apiKey: string; adminToken: string },
): Promise<FuzzResult> {
  const internal = c.endpoint.startsWith('/internal/');
  const token = internal ? creds.adminToken : creds.apiKey;
  const headers: Record<string, string> = {};
  if (c.contentType) headers['content-type'] = c.contentType;
  if (c.contentEncoding) headers['content-encoding'] = c.contentEncoding;
  if (c.auth === 'good') headers.authorization = `Bearer ${token}`;
  if (c.auth === 'bad') headers.authorization = 'Bearer lgw-not-a-real-key';
  const res = await fetch(`${baseUrl}${c.endpoint}`, {
    method: 'POST',
    headers,
    body: new Uint8Array(c.body),
  });
  const body = await res.text();
  return { status: res.status, shaped: isShaped(c.endpoint, res.status, body), body };
}

/** Errors must come in the shape the endpoint's clients parse; successes are not checked here. */
export function isShaped(endpoint: string, status: number, body: string): boolean {
  if (status < 400) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  const p = parsed as { type?: unknown; error?: { type?: unknown; message?: unknown } };
  if (typeof p.error?.message !== 'string' || typeof p.error.type !== 'string') return false;
  return endpoint.startsWith('/v1/messages') ? p.type === 'error' : true;
}
