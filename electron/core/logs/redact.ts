/**
 * Secret redaction for every string the core logs or stores. Three layers, applied in order:
 *   1. values registered at runtime (API keys, admin/metrics tokens, bundle passphrases), in their
 *      raw, JSON-escaped and URL-encoded forms;
 *   2. secrets recognisable by shape: our `lgw-` keys, Lingma `pt-`/`rt-` tokens, Bearer tokens;
 *   3. values of sensitively named fields (`token`, `apiKey`, `password`, `authorization`, …), in
 *      parsed JSON at any depth, in JSON text (also when escaped inside another JSON string), in
 *      `name: value` headers and `name=value` query strings.
 * Redaction errs towards hiding too much: a log that says `[REDACTED]` costs little, a leaked key
 * costs an account.
 */

export const REDACTED = '[REDACTED]';

/** Shorter registered values would blank out ordinary words all over the logs. */
export const MIN_SECRET_LENGTH = 4;

const MAX_DEPTH = 64;
/** JSON-looking strings up to this size are parsed so nested fields get the name rules too. */
const MAX_NESTED_JSON = 256 * 1024;

/** Secret values known at runtime. The default instance is shared by the logger and the store. */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private compiled: RegExp | null | undefined;

  /** Registers a value (ignored when shorter than MIN_SECRET_LENGTH). */
  register(value: string): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    if (this.values.has(value)) return;
    this.values.add(value);
    this.compiled = undefined;
  }

  unregister(value: string): void {
    if (this.values.delete(value)) this.compiled = undefined;
  }

  clear(): void {
    this.values.clear();
    this.compiled = undefined;
  }

  get size(): number {
    return this.values.size;
  }

  /** One alternation of every value and its encodings, longest first so no prefix wins early. */
  pattern(): RegExp | null {
    if (this.compiled !== undefined) return this.compiled;
    const forms = new Set<string>();
    for (const v of this.values) for (const f of encodings(v)) forms.add(f);
    const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.compiled = sorted.length ? new RegExp(sorted.join('|'), 'g') : null;
    return this.compiled;
  }
}

/** The registry behind `registerSecret`, `redactText`, `redactJson` and `createRedactor`. */
export const defaultSecrets = new SecretRegistry();

/** Adds a value that must never appear in logs or stored entries. */
export function registerSecret(value: string): void {
  defaultSecrets.register(value);
}

function encodings(v: string): string[] {
  const json = JSON.stringify(v).slice(1, -1);
  const jsonTwice = JSON.stringify(json).slice(1, -1);
  const form = new URLSearchParams({ v }).toString().slice(2);
  return [v, json, jsonTwice, encodeURIComponent(v), form];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

// Field names: anything ending in token/secret/password/passphrase/apikey, plus exact names.
const NAME = String.raw`(?:[\w-]*?(?:token|secret|password|passphrase|api[-_]?key)|key|authorization|proxy-authorization|cookie|set-cookie|cosy[-_]?key|secret[-_]?key|encrypt[-_]?user[-_]?info|bundle|token[-_]?string)`;
const EXACT_NAMES = new Set([
  'key',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'cosykey',
  'secretkey',
  'encryptuserinfo',
  'bundle',
  'tokenstring',
]);
const NAME_SUFFIX = /(?:token|secret|password|passphrase|apikey)$/;
const BLOB_NAMES = new Set(['bundle', 'data']);
const LONG_BASE64 = /^[A-Za-z0-9+/_-]{64,}={0,2}$/;

/** True for field names whose values are always secret (case, `-` and `_` ignored). */
export function isSecretFieldName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  return EXACT_NAMES.has(n) || NAME_SUFFIX.test(n);
}

const LGW_KEY = /lgw-[A-Za-z0-9]{32,}/g;
// No word-boundary check (a token glued to other text must still go); requiring a digit or a
// capital keeps hyphenated words such as `concept-drift-detection` readable.
const LINGMA_TOKEN = /([pr]t)-(?=[A-Za-z0-9._~+/=%-]*[A-Z0-9])[A-Za-z0-9._~+/=%-]{12,}/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=%-]{6,}/gi;
// `"name": "value"` with the value's own escapes honoured.
const JSON_STRING_FIELD = new RegExp(String.raw`("${NAME}"\s*:\s*)"(?:[^"\\]|\\.)*"`, 'gi');
const JSON_NUMBER_FIELD = new RegExp(String.raw`("${NAME}"\s*:\s*)-?\d[\d.eE+-]*`, 'gi');
// The same inside a JSON string: quotes arrive as \" and the value's own escapes are doubled.
const ESC_VALUE = String.raw`(?:[^\\"]|\\[^\\"]|\\\\(?:[^\\"]|\\[^\\"]|\\\\|\\"))*`;
const ESCAPED_FIELD = new RegExp(String.raw`(\\"${NAME}\\"\s*:\s*)\\"${ESC_VALUE}\\"`, 'gi');
// `name: value` (headers: the rest of the line) and `name=value` (query strings, forms).
const QUOTED = String.raw`"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'`;
const COLON_FIELD = new RegExp(
  String.raw`((?<![\w-])${NAME}[ \t]*:[ \t]*)(?:${QUOTED}|[^\s"'\\][^\r\n"\\]*)`,
  'gi',
);
const EQUALS_FIELD = new RegExp(
  String.raw`((?<![\w-])${NAME}[ \t]*=[ \t]*)(?:${QUOTED}|[^\s"'\\&;,]+)`,
  'gi',
);
const JSON_BLOB_FIELD = /("(?:data|bundle)"\s*:\s*)"[A-Za-z0-9+/_-]{64,}={0,2}"/gi;

/**
 * Every shape rule below needs one of these in the text: a quote, `:` or `=` (the field rules),
 * `lgw-` / `pt-` / `rt-` (keys and tokens) or `Bearer`. Most strings of a request (names, ids,
 * ordinary prose) have none, and then only the registered values are looked for.
 */
export const SHAPE_HINT = /["':=]|lgw-|[pr]t-|bearer/i;

/** Redacts one piece of free text (a header dump, a URL, a message, a JSON line). */
export function redactText(s: string, secrets: SecretRegistry = defaultSecrets): string {
  let out = s;
  const known = secrets.pattern();
  if (known) out = out.replace(known, REDACTED);
  return SHAPE_HINT.test(out) ? redactShapes(out) : out;
}

/** Layers 2 and 3 on text: secrets recognised by their shape or by their field's name. */
export function redactShapes(s: string): string {
  return s
    .replace(LGW_KEY, `lgw-${REDACTED}`)
    .replace(LINGMA_TOKEN, `$1-${REDACTED}`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(JSON_BLOB_FIELD, `$1"${REDACTED}"`)
    .replace(JSON_STRING_FIELD, `$1"${REDACTED}"`)
    .replace(JSON_NUMBER_FIELD, `$1"${REDACTED}"`)
    .replace(ESCAPED_FIELD, `$1\\"${REDACTED}\\"`)
    .replace(COLON_FIELD, `$1${REDACTED}`)
    .replace(EQUALS_FIELD, `$1${REDACTED}`);
}

/**
 * Returns a redacted deep copy of a JSON-like value: secret-named fields are replaced whole, long
 * base64 in `data`/`bundle` fields is dropped, every other string (keys included) goes through
 * `redactText`, and strings holding JSON (tool arguments) are parsed and redacted as JSON.
 */
export function redactJson(value: unknown, secrets: SecretRegistry = defaultSecrets): unknown {
  return walk(value, secrets, 0, new Set());
}

function walk(v: unknown, secrets: SecretRegistry, depth: number, path: Set<object>): unknown {
  if (typeof v === 'string') return redactString(v, secrets, depth, path);
  if (typeof v === 'bigint') return v.toString();
  if (v === null || typeof v !== 'object') {
    return typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
  }
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (path.has(v)) return '[circular]';
  if (ArrayBuffer.isView(v)) return `[binary ${v.byteLength} bytes]`;
  if (v instanceof Error) return { name: v.name, message: redactText(v.message, secrets) };
  const withJson = v as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return walk(withJson.toJSON(), secrets, depth, path);
  path.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => walk(x, secrets, depth + 1, path));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[redactText(k, secrets)] = redactField(k, x, secrets, depth, path);
    }
    return out;
  } finally {
    path.delete(v);
  }
}

function redactField(
  name: string,
  x: unknown,
  secrets: SecretRegistry,
  depth: number,
  path: Set<object>,
): unknown {
  // Empty values stay visible: "token is empty" is a useful diagnosis and reveals nothing.
  if (isSecretFieldName(name)) return x === null || x === undefined || x === '' ? x : REDACTED;
  if (BLOB_NAMES.has(name.toLowerCase()) && typeof x === 'string' && LONG_BASE64.test(x)) {
    return `${REDACTED} base64, ${x.length} chars`;
  }
  return walk(x, secrets, depth + 1, path);
}

function redactString(s: string, secrets: SecretRegistry, depth: number, path: Set<object>) {
  const t = s.trimStart();
  if ((t.startsWith('{') || t.startsWith('[')) && s.length <= MAX_NESTED_JSON) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      return redactText(s, secrets);
    }
    const redacted = JSON.stringify(walk(parsed, secrets, depth + 1, path));
    // Keep the original formatting unless something had to go.
    return redacted === JSON.stringify(parsed) ? s : redacted;
  }
  return redactText(s, secrets);
}

/**
 * A line redactor for `createJsonLogger({ redact })`: JSON lines are redacted structurally (so
 * field names count), anything else as text. Reads the registry on every call, so secrets
 * registered later are covered too.
 */
export function createRedactor(secrets: SecretRegistry = defaultSecrets): (line: string) => string {
  return (line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed !== null && typeof parsed === 'object') {
        return JSON.stringify(walk(parsed, secrets, 0, new Set()));
      }
    } catch {
      // not JSON: fall through to text redaction
    }
    return redactText(line, secrets);
  };
}
