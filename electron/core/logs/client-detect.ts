/**
 * Which tool sent a request, from its headers (issue 16). The user agents below are the ones the
 * real clients send: Claude Code `claude-cli/2.1.332 (external, sdk-cli)` and Codex
 * `codex_exec/0.171.0 (…)` with `originator: codex_exec` are recorded in
 * gateway/e2e/fixtures; the Stainless-generated SDKs send `OpenAI/JS 6.x` / `Anthropic/JS 1.x`
 * plus `x-stainless-lang` and `x-stainless-package-version`; Cline, Roo Code and Kilo Code name
 * themselves in `X-Title` (with `HTTP-Referer`) over the OpenAI SDK.
 *
 * Cheap by design: one request in a flood of refusals costs one Map lookup (results are cached
 * per distinct header combination, bounded).
 */

/** What the log shows: a product name and, when the client says it, its version. */
export interface DetectedClient {
  name: string;
  version?: string;
}

/** The headers detection reads (lower-case names, as Node gives them). */
export interface ClientHeaders {
  'user-agent'?: string;
  originator?: string;
  'x-title'?: string;
  'http-referer'?: string;
  'x-stainless-lang'?: string;
  'x-stainless-package-version'?: string;
}

interface Rule {
  /** Matched against the user agent; group 1 is the version when present. */
  ua: RegExp;
  name: string | ((m: RegExpExecArray) => string);
}

const VERSION = String.raw`(\d+(?:\.\d+){0,3}(?:[-+][\w.]+)?)`;

/** Tools first (they run on an SDK and may carry its tokens too), then SDKs, then HTTP tools. */
const RULES: Rule[] = [
  { ua: new RegExp(`^claude-cli/${VERSION}`, 'i'), name: 'Claude Code' },
  { ua: new RegExp(`^codex[_-][\\w-]+/${VERSION}`, 'i'), name: 'Codex CLI' },
  { ua: new RegExp(`\\bQwenCode/${VERSION}`, 'i'), name: 'Qwen Code' },
  { ua: new RegExp(`^opencode/${VERSION}`, 'i'), name: 'opencode' },
  { ua: new RegExp(`\\bCursor/${VERSION}`, 'i'), name: 'Cursor' },
  { ua: new RegExp(`\\bContinue(?:Dev)?/${VERSION}`, 'i'), name: 'Continue' },
  { ua: new RegExp(`\\bZed/${VERSION}`, 'i'), name: 'Zed' },
  { ua: new RegExp(`^aider/${VERSION}`, 'i'), name: 'Aider' },
  {
    ua: new RegExp(`^(OpenAI|Anthropic)/(JS|Python|Go|Java|Ruby|\\.NET|Kotlin) ${VERSION}`, 'i'),
    name: (m) => `${sdkVendor(m[1] ?? '')} SDK (${m[2] === 'JS' ? 'JS' : m[2]})`,
  },
  { ua: new RegExp(`^curl/${VERSION}`, 'i'), name: 'curl' },
  { ua: new RegExp(`^python-requests/${VERSION}`, 'i'), name: 'Python requests' },
  { ua: new RegExp(`^python-httpx/${VERSION}`, 'i'), name: 'Python httpx' },
  { ua: new RegExp(`^aiohttp/${VERSION}`, 'i'), name: 'Python aiohttp' },
  { ua: new RegExp(`^Go-http-client/${VERSION}`, 'i'), name: 'Go' },
  { ua: new RegExp(`^(?:node-fetch|undici)(?:/${VERSION})?`, 'i'), name: 'Node.js' },
  { ua: /^node$/i, name: 'Node.js' },
  { ua: new RegExp(`^PostmanRuntime/${VERSION}`, 'i'), name: 'Postman' },
  { ua: new RegExp(`^insomnia/${VERSION}`, 'i'), name: 'Insomnia' },
  { ua: new RegExp(`^HTTPie/${VERSION}`, 'i'), name: 'HTTPie' },
  { ua: new RegExp(`^Wget/${VERSION}`, 'i'), name: 'Wget' },
  { ua: /^Mozilla\//, name: 'Browser' },
];

/** Apps that name themselves in `X-Title` over an SDK (Cline and its forks). */
const TITLED = /^(Cline|Roo Code|Kilo Code|Continue|Cursor|Zed)$/i;

function sdkVendor(v: string): string {
  return v.toLowerCase() === 'openai' ? 'OpenAI' : 'Anthropic';
}

const MAX_CACHE = 256;
const cache = new Map<string, DetectedClient | undefined>();

/** The client of a request, or undefined when nothing identifies it. */
export function detectClient(h: ClientHeaders): DetectedClient | undefined {
  const key = `${h['user-agent'] ?? ''}\u0000${h.originator ?? ''}\u0000${h['x-title'] ?? ''}\u0000${h['http-referer'] ?? ''}\u0000${h['x-stainless-lang'] ?? ''}\u0000${h['x-stainless-package-version'] ?? ''}`;
  if (cache.has(key)) return cache.get(key);
  const found = detect(h);
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, found);
  return found;
}

function detect(h: ClientHeaders): DetectedClient | undefined {
  const ua = (h['user-agent'] ?? '').trim().slice(0, 512);
  const title = (h['x-title'] ?? '').trim();
  const titled = TITLED.exec(title);
  if (titled?.[1]) return { name: canonicalTitle(titled[1]) };
  if (/cline\.bot/i.test(h['http-referer'] ?? '')) return { name: 'Cline' };
  for (const rule of RULES) {
    const m = rule.ua.exec(ua);
    if (!m) continue;
    const name = typeof rule.name === 'string' ? rule.name : rule.name(m);
    const version = m.slice(1).find((g) => g !== undefined && /^\d/.test(g));
    return version ? { name, version } : { name };
  }
  if (/^codex/i.test(h.originator ?? '')) return { name: 'Codex CLI' };
  const lang = h['x-stainless-lang'];
  if (lang) {
    const version = h['x-stainless-package-version'];
    const name = `SDK (${lang === 'js' ? 'JS' : lang})`;
    return version && /^\d/.test(version) ? { name, version: version.slice(0, 32) } : { name };
  }
  // Anything else: its first product token, so an unknown tool is still told apart.
  const product = /^([A-Za-z][\w.-]{0,39})(?:\/(\S{1,32}))?/.exec(ua);
  if (!product?.[1]) return undefined;
  return product[2] ? { name: product[1], version: product[2] } : { name: product[1] };
}

function canonicalTitle(t: string): string {
  const lower = t.toLowerCase();
  const known = ['Cline', 'Roo Code', 'Kilo Code', 'Continue', 'Cursor', 'Zed'];
  return known.find((k) => k.toLowerCase() === lower) ?? t;
}
