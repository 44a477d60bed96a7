/**
 * The environment each real client runs in: a temp HOME (nothing from the machine's own
 * configuration or logins), telemetry, error reporting, auto-update and other non-essential
 * traffic off, and the gateway — on loopback — as the only server. The network is closed anyway;
 * these switches keep the clients from waiting on it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

function base(home: string): Record<string, string> {
  return {
    HOME: home,
    USERPROFILE: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    // A stray proxy setting on the machine must not send loopback traffic elsewhere.
    NO_PROXY: '127.0.0.1,localhost',
  };
}

/** Claude Code, pointed at `baseUrl` (no `/v1`: the CLI adds the path). */
export function claudeEnv(home: string, baseUrl: string, apiKey: string): Record<string, string> {
  return {
    ...base(home),
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_AUTH_TOKEN: apiKey,
    CLAUDE_CONFIG_DIR: join(home, '.claude'),
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_BUG_COMMAND: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY: '1',
  };
}

/** The env var Codex reads the gateway key from (named in the provider config below). */
export const CODEX_KEY_ENV = 'LINGMA_GATEWAY_KEY';

/**
 * Writes `config.toml` into `codexHome`: a custom model provider on the Responses wire API at
 * `baseUrl/v1`, no retries (a failure must show at once), analytics and update checks off.
 */
export function writeCodexConfig(codexHome: string, baseUrl: string, model: string): void {
  const toml = [
    `model = "${model}"`,
    'model_provider = "lingma"',
    'check_for_update_on_startup = false',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[model_providers.lingma]',
    'name = "Lingma Gateway"',
    `base_url = "${baseUrl}/v1"`,
    `env_key = "${CODEX_KEY_ENV}"`,
    'wire_api = "responses"',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
  ].join('\n');
  writeFileSync(join(codexHome, 'config.toml'), toml);
}

/** Codex CLI with its home in `codexHome`. */
export function codexEnv(home: string, codexHome: string, apiKey: string): Record<string, string> {
  return { ...base(home), CODEX_HOME: codexHome, [CODEX_KEY_ENV]: apiKey };
}
