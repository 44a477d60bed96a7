/**
 * Codex CLI's `config.toml`, edited in place: the two root keys (`model`, `model_provider`) and
 * our `[model_providers.lingma-gateway]` table are replaced line by line, so the user's comments
 * and everything else stay as they were. The result is parsed again (smol-toml) and compared
 * with the original: if anything but our keys moved, the edit falls back to a full rewrite from
 * the parsed data (comments lost, said in a note; the backup keeps the original).
 */
import { parse, stringify, TomlError } from 'smol-toml';
import { ConfigFormatError, type SetupValues, type WriteResult } from './types';

export const CODEX_PROVIDER = 'lingma-gateway';
const ROOT_KEYS = ['model', 'model_provider'];

type Table = Record<string, unknown>;

export function parseCodexToml(text: string, file: string): Table {
  try {
    return parse(text) as Table;
  } catch (err) {
    const detail =
      err instanceof TomlError ? `TOML error at line ${err.line}` : (err as Error).message;
    throw new ConfigFormatError(file, detail);
  }
}

function ourTable(v: SetupValues): Table {
  // The key rides in the provider table: Codex then needs no environment variable, which a
  // desktop app cannot set for the user's shells (Codex's own `experimental_bearer_token`).
  return {
    name: 'Lingma Gateway',
    base_url: `${v.origin}/v1`,
    wire_api: 'responses',
    experimental_bearer_token: v.key,
  };
}

/** `[a."b".c]` → `a.b.c` (enough to recognise our own table). */
function headerName(line: string): string | undefined {
  const m = /^\s*\[\[?([^\]]+)\]\]?\s*(?:#.*)?$/.exec(line);
  if (!m?.[1]) return undefined;
  return m[1]
    .split('.')
    .map((part) => part.trim().replace(/^["']|["']$/g, ''))
    .join('.');
}

const str = (s: string): string => JSON.stringify(s);

function surgical(text: string, v: SetupValues): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  let inRoot = true;
  let skipping = false;
  for (const line of lines) {
    const name = headerName(line);
    if (name !== undefined) {
      inRoot = false;
      skipping =
        name === `model_providers.${CODEX_PROVIDER}` ||
        name.startsWith(`model_providers.${CODEX_PROVIDER}.`);
    }
    if (skipping) continue;
    if (inRoot && ROOT_KEYS.some((k) => new RegExp(`^\\s*${k}\\s*=`).test(line))) continue;
    out.push(line);
  }
  const firstTable = out.findIndex((l) => headerName(l) !== undefined);
  const rootEnd = firstTable < 0 ? out.length : firstTable;
  let insertAt = rootEnd;
  while (insertAt > 0 && out[insertAt - 1]?.trim() === '') insertAt--;
  const rootLines = [`model = ${str(v.model)}`, `model_provider = ${str(CODEX_PROVIDER)}`];
  out.splice(insertAt, 0, ...rootLines, ...(rootEnd < out.length ? [''] : []));
  while (out.length > 0 && out.at(-1)?.trim() === '') out.pop();
  const table = ourTable(v);
  out.push(
    ...(out.length > 0 ? [''] : []),
    `[model_providers.${CODEX_PROVIDER}]`,
    ...Object.entries(table).map(([k, val]) => `${k} = ${str(String(val))}`),
  );
  return out.join(eol) + eol;
}

/** Everything except what setup owns, for the "did anything else move?" check. */
function withoutOurs(t: Table): Table {
  const { model: _m, model_provider: _p, model_providers: providers, ...rest } = t;
  if (providers && typeof providers === 'object') {
    const { [CODEX_PROVIDER]: _ours, ...others } = providers as Table;
    if (Object.keys(others).length > 0) rest.model_providers = others;
  }
  return rest;
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, sortedKeys) === JSON.stringify(b, sortedKeys);
}
function sortedKeys(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v as Table).sort(([a], [b]) => a.localeCompare(b)));
  }
  return v;
}

export function writeCodexConfig(
  text: string | undefined,
  v: SetupValues,
  file: string,
): WriteResult {
  const before = parseCodexToml(text ?? '', file);
  const notes: string[] = [];
  if (typeof before.profile === 'string') notes.push('codex-profile-active');
  const edited = surgical(text ?? '', v);
  const check = (() => {
    try {
      return parse(edited) as Table;
    } catch {
      return undefined;
    }
  })();
  const providers = check?.model_providers as Table | undefined;
  const good =
    check !== undefined &&
    check.model === v.model &&
    check.model_provider === CODEX_PROVIDER &&
    sameData(providers?.[CODEX_PROVIDER], ourTable(v)) &&
    sameData(withoutOurs(check), withoutOurs(before));
  if (good) return { text: edited, notes };
  const merged: Table = { ...before, model: v.model, model_provider: CODEX_PROVIDER };
  merged.model_providers = {
    ...((before.model_providers as Table | undefined) ?? {}),
    [CODEX_PROVIDER]: ourTable(v),
  };
  return { text: `${stringify(merged)}\n`, notes: [...notes, 'comments-lost'] };
}

export function codexConfigured(
  text: string,
  origin: string,
  file: string,
): 'ours' | 'other' | 'none' {
  const t = parseCodexToml(text, file);
  const provider = t.model_provider;
  if (provider === undefined) return 'none';
  const table = (t.model_providers as Table | undefined)?.[CODEX_PROVIDER] as Table | undefined;
  return provider === CODEX_PROVIDER && table?.base_url === `${origin}/v1` ? 'ours' : 'other';
}
