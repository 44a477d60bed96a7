/**
 * The predecessor's `LINGMA_SESSION_BUNDLE` (§6.4; PRED README, H for these facts): standard
 * base64 of a gzip stream (`H4sI…`) holding exactly `cache/id`, `cache/user`, `cache/quota` and
 * `cache/config.json`, at most 4 MiB, produced by `POST /internal/session/export` (`bundle_b64`).
 * What sits inside the gzip is not public (L): it is sniffed — `ustar` at offset 257 is a tar
 * archive, a leading `{` a JSON map of path → content (values possibly base64). A bundle is a
 * credential: no message here quotes its content.
 */
import { gunzipSync } from 'node:zlib';
import { BundleError, bundlePath, requireLogin } from './bundle-paths';
import { isTar, readTar, TarError } from './tar-reader';

/** Largest bundle accepted or produced, and largest inflated content. Real ones are a few KiB. */
export const BUNDLE_MAX_BYTES = 4 * 1024 * 1024;

export interface LegacyBundle {
  files: Map<string, Buffer>;
  /** What was inside: a tar archive or a JSON map. */
  container: 'tar' | 'json';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function gunzip(bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: BUNDLE_MAX_BYTES });
  } catch {
    throw new BundleError(
      'bad_format',
      'The bundle is compressed but does not decompress (or is larger than 4 MiB inflated).',
    );
  }
}

const isGzip = (b: Buffer): boolean => b[0] === 0x1f && b[1] === 0x8b;

/** Bytes → the container inside: raw gzip, base64 text of gzip (the PRED form), or plain JSON. */
function unwrap(data: Buffer, depth = 0): LegacyBundle {
  if (isGzip(data)) return unwrap(gunzip(data), depth);
  if (isTar(data)) return { files: fromTar(data), container: 'tar' };
  const text = data.toString('utf8').trim();
  if (text.startsWith('{')) {
    const json = parseJson(text);
    // The export endpoint answered {bundle_b64: "…"}: the whole answer is accepted too.
    if (typeof json.bundle_b64 === 'string' && depth < 2) {
      return unwrap(Buffer.from(json.bundle_b64, 'utf8'), depth + 1);
    }
    return { files: fromJson(json), container: 'json' };
  }
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !BASE64.test(compact) || depth >= 2) {
    throw new BundleError('bad_format', 'This is not a Lingma Gateway bundle.');
  }
  return unwrap(Buffer.from(compact, 'base64'), depth + 1);
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      return v as Record<string, unknown>;
    }
  } catch {
    // fall through: the parser's message may quote the (secret) input
  }
  throw new BundleError('bad_format', 'This is not a Lingma Gateway bundle.');
}

function fromTar(data: Buffer): Map<string, Buffer> {
  let entries;
  try {
    entries = readTar(data);
  } catch (err) {
    throw new BundleError('bad_format', err instanceof TarError ? err.message : 'Bad archive.');
  }
  const files = new Map<string, Buffer>();
  for (const e of entries) files.set(bundlePath(e.path, true), e.content);
  return files;
}

/**
 * A JSON map's value → file content. Base64 of the file, or the file's text as is: a value that
 * is valid base64 and decodes to printable UTF-8 was base64 of a text file; otherwise it is the
 * content itself (e.g. `cache/user`, whose text is base64 of binary ciphertext, §6.3).
 */
function content(value: unknown, path: string): Buffer {
  const v =
    typeof value === 'object' && value !== null
      ? ((value as Record<string, unknown>).content ?? (value as Record<string, unknown>).data)
      : value;
  if (typeof v !== 'string') {
    throw new BundleError('bad_format', `The bundle's file ${path} is malformed.`);
  }
  const compact = v.trim();
  if (compact !== '' && BASE64.test(compact) && compact.length % 4 === 0) {
    const decoded = Buffer.from(compact, 'base64');
    const asText = decoded.toString('utf8');
    if (
      Buffer.from(asText, 'utf8').equals(decoded) &&
      /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(asText)
    ) {
      return decoded;
    }
  }
  return Buffer.from(v, 'utf8');
}

function fromJson(json: Record<string, unknown>): Map<string, Buffer> {
  const table = typeof json.files === 'object' && json.files !== null ? json.files : json;
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new BundleError('bad_format', 'The bundle has no file list.');
  }
  const files = new Map<string, Buffer>();
  for (const [raw, value] of Object.entries(table)) {
    const path = bundlePath(raw, true);
    files.set(path, content(value, path));
  }
  return files;
}

/** Opens a predecessor bundle (any of its wrappings); throws BundleError. */
export function openLegacyBundle(data: Buffer): LegacyBundle {
  const bundle = unwrap(data);
  requireLogin(bundle.files);
  return bundle;
}
