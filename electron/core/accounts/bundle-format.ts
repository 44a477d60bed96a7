/**
 * The session-bundle file format, without any filesystem access. A bundle carries one Lingma
 * login: `cache/id` + `cache/user` (the user file is encrypted with a key taken from the id, so
 * the two only work together) and the state around it: `cache/quota` and `cache/config.json` (the
 * predecessor bundled both, §6.4) and `cache/machine_token.json`.
 *
 * On disk it is a small JSON envelope, `{format, v, kdf, kdfParams, salt, iv, tag, data}`: the
 * payload JSON `{files: {path: base64}, exportedAt, accountName?}` sealed with AES-256-GCM under a
 * key derived from a passphrase with scrypt. The header is bound as additional authenticated data,
 * so changing the KDF parameters is detected like any other tampering.
 *
 * The predecessor's bundles (bundle-legacy.ts) are read too and flagged `insecure`. A bundle is a
 * credential: nothing here puts its content or the passphrase into an error message.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  type ScryptOptions,
} from 'node:crypto';
import { BUNDLE_MAX_BYTES, openLegacyBundle } from './bundle-legacy';
import { BundleError, bundlePath, requireLogin } from './bundle-paths';

export { BUNDLE_MAX_BYTES } from './bundle-legacy';
export { BUNDLE_FILES, BundleError, REQUIRED_FILES, type BundleErrorCode } from './bundle-paths';

/** Shortest accepted export passphrase. */
export const MIN_PASSPHRASE_LENGTH = 8;

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
  /** Paths present in a bundle that were not imported (none today; kept for the result shape). */
  skipped: string[];
  /** The predecessor's container inside the gzip, when it was one of its bundles. */
  legacyContainer?: 'tar' | 'json';
}

const FORMAT = 'lingma-gateway-bundle';
const KDF = { N: 1 << 15, r: 8, p: 1 };
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
  // PRED's cap (H), checked before anything looks at the content.
  if (data.length > BUNDLE_MAX_BYTES) {
    throw new BundleError('too_large', 'The bundle is larger than 4 MiB; it cannot be a login.');
  }
  const text = data.subarray(0, 4096).toString('utf8').trim();
  if (text.startsWith('{') && text.includes(`"${FORMAT}"`)) {
    const json = parseJson(data.toString('utf8').trim());
    if (json.format === FORMAT) {
      return { ...(await openEnvelope(json, passphrase)), insecure: false, skipped: [] };
    }
  }
  const legacy = openLegacyBundle(data);
  return { files: legacy.files, insecure: true, skipped: [], legacyContainer: legacy.container };
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
  const files = readFiles(payload.files);
  return {
    files,
    exportedAt: typeof payload.exportedAt === 'string' ? payload.exportedAt : undefined,
    accountName:
      typeof payload.accountName === 'string' ? payload.accountName.slice(0, 64) : undefined,
  };
}

/** The envelope payload's file table: validated paths, base64 contents. */
function readFiles(table: unknown): Map<string, Buffer> {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new BundleError('bad_format', 'The bundle has no file list.');
  }
  const files = new Map<string, Buffer>();
  for (const [raw, content] of Object.entries(table)) {
    const path = bundlePath(raw, false);
    files.set(path, b64(content, `file ${path}`));
  }
  requireLogin(files);
  return files;
}
