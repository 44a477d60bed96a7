/**
 * The session-bundle file format, without any filesystem access. A bundle carries one Lingma
 * login: `cache/id` + `cache/user` (the user file is encrypted with a key taken from the id, so
 * the two only work together) and optionally `cache/quota` and `cache/machine_token.json`.
 *
 * On disk it is a small JSON envelope, `{format, v, kdf, kdfParams, salt, iv, tag, data}`: the
 * payload JSON `{files: {path: base64}, exportedAt, accountName?}` sealed with AES-256-GCM under a
 * key derived from a passphrase with scrypt. The header is bound as additional authenticated data,
 * so changing the KDF parameters is detected like any other tampering.
 *
 * The predecessor's bundles (plain JSON of base64 files, possibly base64- and gzip-wrapped) are
 * read too and flagged `insecure`. A bundle is a credential: nothing here puts its content or the
 * passphrase into an error message.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  type ScryptOptions,
} from 'node:crypto';
import { gunzipSync } from 'node:zlib';

/** Largest bundle accepted or produced. Real ones are a few KiB. */
export const BUNDLE_MAX_BYTES = 4 * 1024 * 1024;
/** Shortest accepted export passphrase. */
export const MIN_PASSPHRASE_LENGTH = 8;
/** Every path a bundle may carry, in the order an import writes them (`cache/user` last). */
export const BUNDLE_FILES = [
  'cache/id',
  'cache/quota',
  'cache/machine_token.json',
  'cache/user',
] as const;
/** Without both of these there is no login. */
export const REQUIRED_FILES = ['cache/id', 'cache/user'] as const;

export type BundleErrorCode =
  | 'too_large'
  | 'bad_format'
  | 'bad_path'
  | 'decrypt_failed'
  | 'missing_files'
  | 'weak_passphrase'
  | 'not_logged_in'
  | 'active_login'
  | 'io';

/** Every bundle failure; `code` is stable for the UI, `message` safe to show (no secrets). */
export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

/** The decrypted content of a bundle. */
export interface BundlePayload {
  /** Allowed relative paths (see {@link BUNDLE_FILES}) → file content. */
  files: Map<string, Buffer>;
  exportedAt?: string;
  accountName?: string;
}

/** What {@link openBundle} read. */
export interface OpenedBundle extends BundlePayload {
  /** True for the predecessor's unencrypted form. */
  insecure: boolean;
  /** Paths present in a legacy bundle that are not part of a login (e.g. `cache/config.json`). */
  skipped: string[];
}

const FORMAT = 'lingma-gateway-bundle';
const KDF = { N: 1 << 15, r: 8, p: 1 };
const LEGACY_SKIPPABLE = new Set(['cache/config.json']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function deriveKey(passphrase: string, salt: Buffer, p: typeof KDF): Promise<Buffer> {
  const options: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function aad(p: typeof KDF): Buffer {
  return Buffer.from(JSON.stringify([FORMAT, 1, 'scrypt', p.N, p.r, p.p]), 'utf8');
}

/** Encrypts a payload into envelope bytes. */
export async function sealBundle(payload: BundlePayload, passphrase: string): Promise<Buffer> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new BundleError(
      'weak_passphrase',
      `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    );
  }
  const plain = Buffer.from(
    JSON.stringify({
      files: Object.fromEntries([...payload.files].map(([p, b]) => [p, b.toString('base64')])),
      exportedAt: payload.exportedAt,
      ...(payload.accountName ? { accountName: payload.accountName } : {}),
    }),
    'utf8',
  );
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, KDF), iv);
  cipher.setAAD(aad(KDF));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const envelope = {
    format: FORMAT,
    v: 1,
    kdf: 'scrypt',
    kdfParams: KDF,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  const out = Buffer.from(JSON.stringify(envelope, null, 2) + '\n', 'utf8');
  if (out.length > BUNDLE_MAX_BYTES) {
    throw new BundleError('too_large', 'The login files are too large for a bundle.');
  }
  return out;
}

/** Parses, decrypts and validates bundle bytes (either form). Throws {@link BundleError}. */
export async function openBundle(data: Buffer, passphrase: string): Promise<OpenedBundle> {
  if (data.length > BUNDLE_MAX_BYTES) {
    throw new BundleError('too_large', 'The bundle is larger than 4 MiB; it cannot be a login.');
  }
  const text = data.toString('utf8').trim();
  const json = text.startsWith('{') ? parseJson(text) : undefined;
  if (json && json.format === FORMAT)
    return { ...(await openEnvelope(json, passphrase)), insecure: false, skipped: [] };
  return openLegacy(json ?? decodeLegacyText(text));
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      return v as Record<string, unknown>;
  } catch {
    // fall through: the parser's message may quote the (secret) input
  }
  throw new BundleError('bad_format', 'This is not a Lingma Gateway bundle.');
}

function b64(value: unknown, what: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new BundleError('bad_format', `The bundle's ${what} is malformed.`);
  }
  return Buffer.from(value, 'base64');
}

async function openEnvelope(
  env: Record<string, unknown>,
  passphrase: string,
): Promise<BundlePayload> {
  if (env.v !== 1 || env.kdf !== 'scrypt') {
    throw new BundleError(
      'bad_format',
      'This bundle was made by a newer version of Lingma Gateway.',
    );
  }
  const k = env.kdfParams as Partial<typeof KDF> | undefined;
  const params = { N: k?.N, r: k?.r, p: k?.p };
  // Bounded so a crafted file cannot make scrypt allocate gigabytes.
  const sane =
    Number.isInteger(params.N) &&
    (params.N as number) >= 1 << 14 &&
    (params.N as number) <= 1 << 17 &&
    ((params.N as number) & ((params.N as number) - 1)) === 0 &&
    Number.isInteger(params.r) &&
    (params.r as number) >= 1 &&
    (params.r as number) <= 16 &&
    Number.isInteger(params.p) &&
    (params.p as number) >= 1 &&
    (params.p as number) <= 4;
  if (!sane)
    throw new BundleError('bad_format', "The bundle's key-derivation settings are not acceptable.");
  const kdf = params as typeof KDF;
  const salt = b64(env.salt, 'salt');
  const iv = b64(env.iv, 'iv');
  const tag = b64(env.tag, 'tag');
  const sealed = b64(env.data, 'data');
  if (iv.length !== 12 || tag.length !== 16 || salt.length < 16) {
    throw new BundleError('bad_format', "The bundle's header is malformed.");
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt, kdf), iv);
    decipher.setAAD(aad(kdf));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
  } catch {
    throw new BundleError(
      'decrypt_failed',
      'Could not open the bundle: the passphrase is wrong or the file was modified.',
    );
  }
  const payload = parseJson(plain.toString('utf8'));
  const files = readFiles(payload.files, false).files;
  return {
    files,
    exportedAt: typeof payload.exportedAt === 'string' ? payload.exportedAt : undefined,
    accountName:
      typeof payload.accountName === 'string' ? payload.accountName.slice(0, 64) : undefined,
  };
}

/** Legacy bundles travel as base64 text, often of gzip data (`H4sI…`), sometimes raw JSON. */
function decodeLegacyText(text: string): Record<string, unknown> {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !BASE64.test(compact)) {
    throw new BundleError('bad_format', 'This is not a Lingma Gateway bundle.');
  }
  let bytes = Buffer.from(compact, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: BUNDLE_MAX_BYTES });
    } catch {
      throw new BundleError('bad_format', 'The bundle is compressed but does not decompress.');
    }
  }
  return parseJson(bytes.toString('utf8').trim());
}

function openLegacy(json: Record<string, unknown>): OpenedBundle {
  // The predecessor's export endpoint answered {bundle_b64: "…"}: accept the whole answer too.
  if (typeof json.bundle_b64 === 'string' && Object.keys(json).length <= 3) {
    return openLegacy(decodeLegacyText(json.bundle_b64));
  }
  const table = typeof json.files === 'object' && json.files !== null ? json.files : json;
  const { files, skipped } = readFiles(table, true);
  return { files, insecure: true, skipped };
}

/** Validates paths (no traversal, only login files) and decodes contents. */
function readFiles(
  table: unknown,
  legacy: boolean,
): { files: Map<string, Buffer>; skipped: string[] } {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new BundleError('bad_format', 'The bundle has no file list.');
  }
  const files = new Map<string, Buffer>();
  const skipped: string[] = [];
  for (const [raw, content] of Object.entries(table)) {
    const segments = raw.split(/[/\\]/);
    if (
      raw.startsWith('/') ||
      /^[A-Za-z]:/.test(raw) ||
      segments.some((s) => s === '..' || s === '' || s === '.')
    ) {
      throw new BundleError('bad_path', 'The bundle contains a path outside the login folder.');
    }
    // Legacy bundles may name files relative to cache/ ("id", "user").
    const path = legacy && !raw.startsWith('cache/') ? `cache/${raw}` : raw;
    if (legacy && LEGACY_SKIPPABLE.has(path)) {
      skipped.push(path);
      continue;
    }
    if (!(BUNDLE_FILES as readonly string[]).includes(path)) {
      throw new BundleError(
        'bad_path',
        `The bundle contains a file that is not part of a login (${path.slice(0, 80)}).`,
      );
    }
    files.set(path, b64(content, `file ${path}`));
  }
  const missing = REQUIRED_FILES.filter((p) => !files.get(p)?.length);
  if (missing.length > 0) {
    throw new BundleError(
      'missing_files',
      `The bundle lacks ${missing.join(' and ')}, so it holds no login.`,
    );
  }
  return { files, skipped };
}
