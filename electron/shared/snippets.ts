/**
 * Ready-made setup for the tools users connect, with their real base URL, key and model filled in.
 * Pure: used by the dashboard and by the tray's "Copy Claude Code setup".
 */

export interface SnippetInput {
  /** Gateway origin without a path, e.g. http://127.0.0.1:8765 */
  baseUrl: string;
  apiKey: string;
  model: string;
}

export interface Snippet {
  id: string;
  title: string;
  language: 'bash' | 'json' | 'toml' | 'yaml' | 'typescript' | 'python' | 'text';
  /** Where it goes, in one line. */
  hint: string;
  text: string;
}

const json = (v: unknown): string => JSON.stringify(v, null, 2);

export function claudeCodeEnv(i: SnippetInput): string {
  return [
    `export ANTHROPIC_BASE_URL=${i.baseUrl}`,
    `export ANTHROPIC_AUTH_TOKEN=${i.apiKey}`,
    `export ANTHROPIC_MODEL=${i.model}`,
    `export ANTHROPIC_DEFAULT_HAIKU_MODEL=${i.model}`,
    'claude',
  ].join('\n');
}

export function buildSnippets(i: SnippetInput): Snippet[] {
  const v1 = `${i.baseUrl}/v1`;
  return [
    {
      id: 'claude-code-env',
      title: 'Claude Code (shell)',
      language: 'bash',
      hint: 'Run in the terminal where you start Claude Code.',
      text: claudeCodeEnv(i),
    },
    {
      id: 'claude-code-settings',
      title: 'Claude Code (settings.json)',
      language: 'json',
      hint: 'Merge into ~/.claude/settings.json.',
      text: json({
        env: {
          ANTHROPIC_BASE_URL: i.baseUrl,
          ANTHROPIC_AUTH_TOKEN: i.apiKey,
          ANTHROPIC_MODEL: i.model,
          ANTHROPIC_DEFAULT_HAIKU_MODEL: i.model,
        },
      }),
    },
    {
      id: 'codex',
      title: 'Codex CLI',
      language: 'toml',
      hint: 'Add to ~/.codex/config.toml, then: export LINGMA_GATEWAY_API_KEY=<your key>',
      text: [
        `model = "${i.model}"`,
        'model_provider = "lingma"',
        '',
        '[model_providers.lingma]',
        'name = "Lingma Gateway"',
        `base_url = "${v1}"`,
        'env_key = "LINGMA_GATEWAY_API_KEY"',
        'wire_api = "responses"',
      ].join('\n'),
    },
    {
      id: 'cursor',
      title: 'Cursor',
      language: 'text',
      hint: 'Settings → Models → OpenAI API Key. Cursor must be able to reach this machine.',
      text: [
        `Override OpenAI Base URL: ${v1}`,
        `OpenAI API Key: ${i.apiKey}`,
        `Add model: ${i.model}`,
      ].join('\n'),
    },
    {
      id: 'cline',
      title: 'Cline',
      language: 'text',
      hint: 'Cline settings → API Provider: OpenAI Compatible.',
      text: [`Base URL: ${v1}`, `API Key: ${i.apiKey}`, `Model ID: ${i.model}`].join('\n'),
    },
    {
      id: 'continue',
      title: 'Continue',
      language: 'yaml',
      hint: 'Add to ~/.continue/config.yaml under models.',
      text: [
        'models:',
        '  - name: Lingma',
        '    provider: openai',
        `    model: ${i.model}`,
        `    apiBase: ${v1}`,
        `    apiKey: ${i.apiKey}`,
        '    roles: [chat, edit, apply]',
      ].join('\n'),
    },
    {
      id: 'openai-sdk',
      title: 'OpenAI SDK (TypeScript)',
      language: 'typescript',
      hint: 'npm install openai',
      text: [
        "import OpenAI from 'openai';",
        '',
        `const client = new OpenAI({ baseURL: '${v1}', apiKey: '${i.apiKey}' });`,
        'const r = await client.chat.completions.create({',
        `  model: '${i.model}',`,
        "  messages: [{ role: 'user', content: 'Hello' }],",
        '});',
        'console.log(r.choices[0].message.content);',
      ].join('\n'),
    },
    {
      id: 'anthropic-sdk',
      title: 'Anthropic SDK (TypeScript)',
      language: 'typescript',
      hint: 'npm install @anthropic-ai/sdk',
      text: [
        "import Anthropic from '@anthropic-ai/sdk';",
        '',
        `const client = new Anthropic({ baseURL: '${i.baseUrl}', apiKey: '${i.apiKey}' });`,
        'const m = await client.messages.create({',
        `  model: '${i.model}',`,
        '  max_tokens: 1024,',
        "  messages: [{ role: 'user', content: 'Hello' }],",
        '});',
        'console.log(m.content);',
      ].join('\n'),
    },
    {
      id: 'python',
      title: 'OpenAI SDK (Python)',
      language: 'python',
      hint: 'pip install openai',
      text: [
        'from openai import OpenAI',
        '',
        `client = OpenAI(base_url="${v1}", api_key="${i.apiKey}")`,
        'r = client.chat.completions.create(',
        `    model="${i.model}",`,
        '    messages=[{"role": "user", "content": "Hello"}],',
        ')',
        'print(r.choices[0].message.content)',
      ].join('\n'),
    },
    {
      id: 'curl',
      title: 'curl',
      language: 'bash',
      hint: 'A quick check from any terminal.',
      text: [
        `curl ${v1}/chat/completions \\`,
        `  -H "Authorization: Bearer ${i.apiKey}" \\`,
        '  -H "Content-Type: application/json" \\',
        `  -d '${JSON.stringify({ model: i.model, messages: [{ role: 'user', content: 'Hello' }] })}'`,
      ].join('\n'),
    },
  ];
}
