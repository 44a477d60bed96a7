/**
 * Pure readers for the results of the plain request/response methods (§5.1, §6.1, §6.2, §7).
 * Each is defensive: the binary drifts between versions, so a missing or oddly typed field
 * degrades to a default instead of throwing.
 */
import type { AuthStatus, LingmaModel, LoginUrl } from './types';
import { LingmaError } from './types';

/** A plain object, or {} for anything else. */
export function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** `initialize` result → server name/version (`serverInfo`, ZC). */
export function parseServerInfo(result: unknown): { serverName: string; serverVersion: string } {
  const info = asRecord(asRecord(result).serverInfo);
  return { serverName: str(info.name) ?? 'lingma', serverVersion: str(info.version) ?? '' };
}

/** `auth/status` → AuthStatus; status 2 = logged in (AuthStateEnum). */
export function parseAuthStatus(result: unknown): AuthStatus {
  const raw = asRecord(result);
  const status = num(raw.status) ?? 0;
  const out: AuthStatus = { loggedIn: status === 2, status, raw };
  const name = str(raw.name) || str(raw.email);
  const id = str(raw.id) || str(raw.accountId) || str(raw.uid);
  const userType = str(raw.userType);
  const expireTime = num(raw.expireTime);
  if (name) out.name = name;
  if (id) out.id = id;
  if (userType) out.userType = userType;
  if (expireTime !== undefined) out.expireTime = expireTime;
  if (raw.quota !== undefined) out.quota = raw.quota;
  return out;
}

/** `login/generateUrl` (`loginUrl`) or `auth/login` (`url`) → LoginUrl. */
export function parseLoginUrl(result: unknown, method: string): LoginUrl {
  const r = asRecord(result);
  const loginUrl = str(r.loginUrl) || str(r.url);
  if (r.success === false || !loginUrl) {
    const why = str(r.errorMsg) || str(r.errorMessage) || 'no login URL in the answer';
    throw new LingmaError(`${method}: ${why}`, 'upstream_error', { errorCode: r.errorCode });
  }
  const nonce = str(r.nonce);
  return nonce ? { loginUrl, nonce } : { loginUrl };
}

/**
 * `config/queryModels` (scene → model list) → one list, unique by `key`, in first-seen order,
 * with every scene that listed a model and the scenes it heads (`defaultFor`: the default of a
 * scene is its first item, §7). Logged out, the binary answers `{}` → [].
 */
export function parseModels(result: unknown): LingmaModel[] {
  const byKey = new Map<string, LingmaModel>();
  for (const [scene, list] of Object.entries(asRecord(result))) {
    if (!Array.isArray(list)) continue;
    const head = str(asRecord(list.find((item) => str(asRecord(item).key))).key);
    for (const item of list) {
      const m = asRecord(item);
      const key = str(m.key);
      if (!key) continue;
      const known = byKey.get(key);
      if (known) {
        if (!known.scenes.includes(scene)) known.scenes.push(scene);
        if (key === head) (known.defaultFor ??= []).push(scene);
        known.isDefault ||= m.isDefault === true;
        known.isReasoning ||= m.isReasoning === true;
        known.isVl ||= m.isVl === true;
        continue;
      }
      const model: LingmaModel = {
        key,
        displayName: str(m.displayName) || key,
        isReasoning: m.isReasoning === true,
        isVl: m.isVl === true,
        isDefault: m.isDefault === true,
        scenes: [scene],
      };
      if (key === head) model.defaultFor = [scene];
      const source = str(m.source);
      if (source) model.source = source;
      byKey.set(key, model);
    }
  }
  return [...byKey.values()];
}

/** True for "method not found" answers, used to fall back to an older method name. */
export function isUnknownMethod(err: unknown): boolean {
  if (!(err instanceof LingmaError) || err.code !== 'rpc_error') return false;
  if (err.details.code === -32601) return true;
  const text = String(err.details.rpcMessage ?? err.message);
  return /unknown method|method not found|not supported|no handler/i.test(text);
}
