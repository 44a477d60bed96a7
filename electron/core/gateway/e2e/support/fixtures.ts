/**
 * Request fixtures captured from the real CLIs. `LGW_CAPTURE_FIXTURES=1` makes the CLI tests write
 * what each client sent (secrets and machine identifiers removed, temp paths made stable) to
 * `e2e/fixtures/<client>/`; `cli-fixtures.test.ts` parses every file with the gateway's own parsers.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Exchange } from './recording-proxy';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export type FixtureClient = 'claude-code' | 'codex';

/** One captured request. */
export interface RequestFixture {
  client: { name: FixtureClient; version: string };
  /** The test step that produced it, e.g. `read-tool`. */
  scenario: string;
  method: string;
  url: string;
  headers: Record<string, unknown>;
  body: unknown;
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization']);
/** Per-machine identifiers a fixture does not need. */
const IDENTIFIERS =
  /("(?:device_id|installation_id|x-codex-installation-id)\\?"\s*:\s*\\?")[^"\\]+/g;

/** Replaces secrets, identifiers and temp paths; `paths` maps a real path to its stable name. */
export function sanitize(
  exchange: Exchange,
  paths: Record<string, string>,
): Omit<RequestFixture, 'client' | 'scenario'> {
  const headers = Object.fromEntries(
    Object.entries(exchange.headers)
      .filter(([k]) => !SECRET_HEADERS.has(k.toLowerCase()))
      .filter(([k]) => !['host', 'content-length', 'connection'].includes(k.toLowerCase())),
  );
  let text = JSON.stringify({ headers, body: exchange.body });
  for (const [real, stable] of Object.entries(paths)) text = text.split(real).join(stable);
  text = text.replace(IDENTIFIERS, '$1redacted');
  const clean = JSON.parse(text) as { headers: Record<string, unknown>; body: unknown };
  return { method: exchange.method, url: exchange.url, ...clean };
}

/** Writes the exchanges of one scenario when capturing is switched on. */
export async function captureFixtures(
  client: RequestFixture['client'],
  scenario: string,
  exchanges: readonly Exchange[],
  paths: Record<string, string>,
): Promise<void> {
  if (process.env.LGW_CAPTURE_FIXTURES !== '1') return;
  const { format } = await import('prettier');
  const dir = join(FIXTURES_DIR, client.name);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (const exchange of exchanges) {
    if (exchange.method !== 'POST') continue;
    n += 1;
    const fixture: RequestFixture = { client, scenario, ...sanitize(exchange, paths) };
    const json = await format(JSON.stringify(fixture), { parser: 'json', printWidth: 100 });
    writeFileSync(join(dir, `${scenario}-${n}.json`), json);
  }
}

/** Every stored fixture of a client. */
export function loadFixtures(client: FixtureClient): { file: string; fixture: RequestFixture }[] {
  const dir = join(FIXTURES_DIR, client);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      fixture: JSON.parse(readFileSync(join(dir, file), 'utf8')) as RequestFixture,
    }));
}
