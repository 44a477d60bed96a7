import { createCipheriv, createDecipheriv, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Decrypted `cache/user`, with the real binary's snake_case field names. */
export interface CachedUser {
  name: string;
  aid: string;
  uid: string;
  organization_id: string;
  user_type: string;
  key: string;
  encrypt_user_info: string;
  security_oauth_token: string;
  refresh_token: string;
  expire_time: number | string;
}

export const idPath = (workDir: string): string => join(workDir, 'cache', 'id');
export const userPath = (workDir: string): string => join(workDir, 'cache', 'user');
export const quotaPath = (workDir: string): string => join(workDir, 'cache', 'quota');
export const configPath = (workDir: string): string => join(workDir, 'cache', 'config.json');

/** Atomic so a client polling the cache never reads half a file. */
export function writeFileAtomic(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, path);
}

/** The machine id; older builds stored JSON `{"machine_id": …}`, so both forms are read. */
export function readMachineId(workDir: string): string | undefined {
  if (!existsSync(idPath(workDir))) return undefined;
  const text = readFileSync(idPath(workDir), 'utf8').trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { machine_id?: unknown };
      if (typeof parsed.machine_id === 'string') return parsed.machine_id;
    } catch {
      // Fall through: treat the raw text as the id, as a plain-text file would be.
    }
  }
  return text === '' ? undefined : text;
}

export function ensureMachineId(workDir: string): string {
  const existing = readMachineId(workDir);
  if (existing !== undefined) return existing;
  const id = randomUUID();
  writeFileAtomic(idPath(workDir), id);
  return id;
}

/** Key and IV are both the first 16 characters of the id string (AES-128-CBC, PKCS#7). */
function keyFor(machineId: string): Buffer {
  const key = Buffer.from(machineId.slice(0, 16), 'utf8');
  if (key.length !== 16) throw new Error('machine id too short for a key');
  return key;
}

export function encryptUser(user: CachedUser, machineId: string): string {
  return encryptBlob(user, machineId);
}

/** `cache/quota` is an encrypted blob of the same kind as `cache/user` (ZC; H). */
export function encryptBlob(value: unknown, machineId: string): string {
  const key = keyFor(machineId);
  const cipher = createCipheriv('aes-128-cbc', key, key);
  return Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]).toString(
    'base64',
  );
}

/** Throws when the blob does not decrypt to a JSON object with the fields a login needs. */
export function decryptUser(blob: string, machineId: string): CachedUser {
  const key = keyFor(machineId);
  const decipher = createDecipheriv('aes-128-cbc', key, key);
  const plain = Buffer.concat([
    decipher.update(Buffer.from(blob.trim(), 'base64')),
    decipher.final(),
  ]).toString('utf8');
  const user = JSON.parse(plain) as Partial<CachedUser>;
  if (typeof user.uid !== 'string' || typeof user.security_oauth_token !== 'string') {
    throw new Error('user info lacks uid or token');
  }
  return user as CachedUser;
}

export type CacheRead =
  | { state: 'ok'; user: CachedUser; machineId: string }
  | { state: 'none' }
  | { state: 'undecryptable'; machineId: string };

/** Reads the login without creating anything (the `status` command must not touch the workDir). */
export function readCachedUser(workDir: string): CacheRead {
  const machineId = readMachineId(workDir);
  if (machineId === undefined || !existsSync(userPath(workDir))) return { state: 'none' };
  try {
    return {
      state: 'ok',
      user: decryptUser(readFileSync(userPath(workDir), 'utf8'), machineId),
      machineId,
    };
  } catch {
    return { state: 'undecryptable', machineId };
  }
}
