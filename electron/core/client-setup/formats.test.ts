import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODEX_PROVIDER } from './codex-toml';
import { QWEN_KEY_VAR } from './clients/qwen-code';
import { parseJsonc } from './json-edit';
import { tempHome, VALUES, type TempHome } from './testing';

let h: TempHome;
beforeEach(async () => (h = await tempHome()));
afterEach(() => h.close());

const configured = async (id: string) =>
  (await h.setup.detect(VALUES.origin)).find((c) => c.id === id)?.configured;

const CODEX = `# my Codex settings
model = "gpt-5.4"  # the usual one
approval_policy = "on-request"

[model_providers.work]
name = "Work proxy"
base_url = "https://proxy.example/v1"
env_key = "WORK_KEY"

[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-mcp"]
`;

describe('Codex config.toml', () => {
  it('sets the provider in place and keeps comments and every other table', async () => {
    await h.put('.codex/config.toml', CODEX);
    const r = await h.setup.apply('codex', VALUES);
    expect(r.notes).toEqual([]);
    const text = await h.read('.codex/config.toml');
    expect(text).toContain('# my Codex settings\n');
    expect(text).not.toContain('# the usual one');
    const t = parseToml(text) as Record<string, unknown>;
    expect(t.model).toBe(VALUES.model);
    expect(t.model_provider).toBe(CODEX_PROVIDER);
    expect(t.approval_policy).toBe('on-request');
    expect(t.model_providers).toEqual({
      work: { name: 'Work proxy', base_url: 'https://proxy.example/v1', env_key: 'WORK_KEY' },
      [CODEX_PROVIDER]: {
        name: 'Lingma Gateway',
        base_url: `${VALUES.origin}/v1`,
        wire_api: 'responses',
        experimental_bearer_token: VALUES.key,
      },
    });
    expect(t.mcp_servers).toEqual({ docs: { command: 'npx', args: ['-y', 'docs-mcp'] } });
    // Root keys stay before the first table, as TOML requires.
    expect(text.indexOf('model_provider =')).toBeLessThan(text.indexOf('[model_providers.work]'));
    expect(await configured('codex')).toBe('ours');
  });

  it('replaces its own table on a second run instead of adding another', async () => {
    await h.put('.codex/config.toml', CODEX);
    await h.setup.apply('codex', VALUES);
    await h.setup.apply('codex', {
      ...VALUES,
      origin: 'http://127.0.0.1:9000',
      model: 'qwen3-max',
    });
    const text = await h.read('.codex/config.toml');
    expect(text.match(/\[model_providers\.lingma-gateway\]/g)).toHaveLength(1);
    expect(text.match(/^model = /gm)).toHaveLength(1);
    const t = parseToml(text) as {
      model: string;
      model_providers: Record<string, { base_url: string }>;
    };
    expect(t.model).toBe('qwen3-max');
    expect(t.model_providers[CODEX_PROVIDER]?.base_url).toBe('http://127.0.0.1:9000/v1');
  });

  it('writes a new file and falls back to a full rewrite (said in a note) when in-place fails', async () => {
    await h.setup.apply('codex', VALUES);
    expect(parseToml(await h.read('.codex/config.toml'))).toMatchObject({
      model_provider: CODEX_PROVIDER,
    });
    // A root array whose lines start with "[" defeats the line editor; the data check catches it.
    await h.put('.codex/config.toml', 'matrix = [\n[1, 2],\n[3, 4]\n]\n# note\n');
    const r = await h.setup.apply('codex', VALUES);
    expect(r.notes).toEqual(['comments-lost']);
    const t = parseToml(await h.read('.codex/config.toml'));
    expect(t).toMatchObject({
      matrix: [
        [1, 2],
        [3, 4],
      ],
      model_provider: CODEX_PROVIDER,
    });
  });

  it('reports a broken file instead of replacing it', async () => {
    await h.put('.codex/config.toml', 'model = "a"\nmodel = "b"\n');
    await expect(h.setup.apply('codex', VALUES)).rejects.toMatchObject({
      code: 'config_unreadable',
    });
    const info = (await h.setup.detect(VALUES.origin)).find((c) => c.id === 'codex');
    expect(info?.problem).toMatch(/TOML error at line 2/);
  });
});

describe('Qwen Code settings.json', () => {
  const QWEN = `{
  // theme stays
  "ui": { "theme": "Qwen Dark" },
  "modelProviders": {
    "openai": [
      { "id": "qwen-plus", "baseUrl": "https://dashscope.example/v1", "envKey": "DASHSCOPE_API_KEY" }
    ]
  }
}
`;
  it('adds one provider entry per model, the key in env, and selects it; comments stay', async () => {
    await h.put('.qwen/settings.json', QWEN);
    await h.setup.apply('qwen-code', VALUES);
    await h.setup.apply('qwen-code', VALUES);
    const text = await h.read('.qwen/settings.json');
    expect(text).toContain('// theme stays');
    const s = parseJsonc(text, 'x') as Record<string, Record<string, unknown>>;
    expect(s.ui).toEqual({ theme: 'Qwen Dark' });
    const openai = (s.modelProviders as { openai: Array<Record<string, string>> }).openai;
    expect(openai.map((e) => e.id)).toEqual(['qwen-plus', 'qwen3-coder', 'qwen3-max']);
    expect(openai[1]).toMatchObject({ baseUrl: `${VALUES.origin}/v1`, envKey: QWEN_KEY_VAR });
    expect(s.env).toEqual({ [QWEN_KEY_VAR]: VALUES.key });
    expect(s.security).toEqual({ auth: { selectedType: 'openai' } });
    expect(s.model).toEqual({ name: VALUES.model });
    expect(await configured('qwen-code')).toBe('ours');
  });
});

describe('opencode and Continue', () => {
  it('writes an opencode provider with the key and makes it the default model', async () => {
    await h.setup.apply('opencode', VALUES);
    const s = parseJsonc(await h.read('.config/opencode/opencode.json'), 'x');
    expect(s).toMatchObject({
      $schema: 'https://opencode.ai/config.json',
      model: 'lingma-gateway/qwen3-coder',
      provider: {
        'lingma-gateway': {
          npm: '@ai-sdk/openai-compatible',
          options: { baseURL: `${VALUES.origin}/v1`, apiKey: VALUES.key },
          models: { 'qwen3-coder': { name: 'qwen3-coder' }, 'qwen3-max': { name: 'qwen3-max' } },
        },
      },
    });
    expect(await configured('opencode')).toBe('ours');
  });

  it('adds Continue models to config.yaml, keeping comments and other models', async () => {
    const yaml =
      'name: Mine\nversion: 1.0.0\nschema: v1\n# my models\nmodels:\n  - name: Local\n    provider: ollama\n    model: llama3\n';
    await h.put('.continue/config.yaml', yaml);
    await h.setup.apply('continue', VALUES);
    await h.setup.apply('continue', VALUES);
    const text = await h.read('.continue/config.yaml');
    expect(text).toContain('# my models');
    const doc = parseYaml(text) as { models: Array<Record<string, unknown>> };
    expect(doc.models.map((m) => m.name)).toEqual([
      'Local',
      'Lingma qwen3-coder',
      'Lingma qwen3-max',
    ]);
    expect(doc.models[1]).toMatchObject({
      provider: 'openai',
      apiBase: `${VALUES.origin}/v1`,
      apiKey: VALUES.key,
    });
    expect(await configured('continue')).toBe('ours');
  });

  it('edits an older Continue config.json rather than hiding it behind a new config.yaml', async () => {
    await h.put('.continue/config.json', '{ "models": [] }\n');
    const r = await h.setup.apply('continue', VALUES);
    expect(r.path).toBe(h.path('.continue/config.json'));
    const s = parseJsonc(await h.read('.continue/config.json'), 'x') as { models: unknown[] };
    expect(s.models).toHaveLength(2);
  });
});
