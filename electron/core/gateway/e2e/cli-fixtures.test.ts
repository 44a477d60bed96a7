import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../../tools';
import { parseAnthropicMessagesRequest } from '../translate/anthropic-request';
import type { NeutralRequest } from '../../chat/types';
import { parseResponsesRequest } from '../translate/responses';
import { claudeCodeBinary, codexLauncher } from './support/cli-binaries';
import { loadFixtures } from './support/fixtures';

// Request bodies captured from the real CLIs (see support/fixtures.ts; recapture with
// LGW_CAPTURE_FIXTURES=1 when bumping a client). Every one must parse with the gateway's own
// parsers and render into a Lingma question, and the parts the issue found dropped must survive.

const claude = loadFixtures('claude-code');
const codex = loadFixtures('codex');
const noPrevious = { lookupPrevious: () => undefined };

function prompt(req: NeutralRequest): string {
  return renderPrompt(req);
}

describe('Claude Code request fixtures', () => {
  it('exist for every CLI scenario', () => {
    expect(new Set(claude.map((f) => f.fixture.scenario))).toEqual(
      new Set(['plain', 'read-tool', 'two-tools', 'json-schema']),
    );
  });

  it.each(claude.map((f) => [f.file, f.fixture] as const))('%s parses', (_file, fixture) => {
    expect(fixture.headers).not.toHaveProperty('authorization');
    expect(fixture.headers).not.toHaveProperty('x-api-key');
    const req = parseAnthropicMessagesRequest(fixture.body);
    expect(req.tools.length).toBeGreaterThan(5);
    // What Lingma cannot honour is listed, not rejected.
    expect(req.ignoredParams).toEqual(expect.arrayContaining(['thinking', 'context_management']));
    expect(prompt(req).length).toBeGreaterThan(1000);
  });

  it('keep mid-conversation system messages in order', () => {
    const plain = claude.find((f) => f.file === 'plain-1.json')?.fixture;
    const req = parseAnthropicMessagesRequest(plain?.body);
    const roles = req.messages.map((m) => m.role);
    expect(roles).toContain('system');
    const text = prompt(req);
    const user = text.indexOf('[cc-plain] say hello');
    const system = text.indexOf('# System message');
    expect(user).toBeGreaterThan(0);
    expect(system).toBeGreaterThan(user);
  });

  it('offer --json-schema as the StructuredOutput tool', () => {
    const schema = claude.find((f) => f.file === 'json-schema-1.json')?.fixture;
    const req = parseAnthropicMessagesRequest(schema?.body);
    expect(req.tools.map((t) => t.name)).toContain('StructuredOutput');
  });

  it('pair the Read result with its call, past the thinking block', () => {
    const second = claude.find((f) => f.file === 'read-tool-2.json')?.fixture;
    const req = parseAnthropicMessagesRequest(second?.body);
    expect(JSON.stringify(second?.body)).toContain('"type":"thinking"');
    const result = req.messages.find((m) => m.role === 'tool')?.toolResult;
    expect(result?.name).toBe('Read');
    expect(result?.content).toContain('MAGIC-7731');
  });
});

describe('Codex CLI request fixtures', () => {
  it('exist for every CLI scenario', () => {
    expect(new Set(codex.map((f) => f.fixture.scenario))).toEqual(
      new Set(['plain', 'shell-tool', 'custom-tool', 'namespace-tool', 'output-schema']),
    );
  });

  it.each(codex.map((f) => [f.file, f.fixture] as const))('%s parses', (_file, fixture) => {
    expect(fixture.headers).not.toHaveProperty('authorization');
    const req = parseResponsesRequest(fixture.body, noPrevious);
    const names = req.tools.map((t) => t.name);
    expect(names).toContain('exec_command');
    // apply_patch is a free-form (custom) tool with a grammar: offered, with its grammar.
    const patch = req.tools.find((t) => t.name === 'apply_patch');
    expect(patch?.kind).toBe('custom');
    expect(patch?.format).toContain('grammar');
    // Hosted tools are noted, never offered.
    expect(req.ignoredParams.some((p) => p.includes('(web_search)'))).toBe(true);
    expect(prompt(req)).toContain('## exec_command');
  });

  it('offer the namespaced sub-agent tools under their namespace', () => {
    const first = codex.find((f) => f.file === 'namespace-tool-1.json')?.fixture;
    const req = parseResponsesRequest(first?.body, noPrevious);
    const spawn = req.tools.find((t) => t.name === 'collaboration.spawn_agent');
    expect(spawn?.namespace).toEqual({ name: 'collaboration', tool: 'spawn_agent' });
  });

  it('replay the shell call and its output as history', () => {
    const second = codex.find((f) => f.file === 'shell-tool-2.json')?.fixture;
    const req = parseResponsesRequest(second?.body, noPrevious);
    const call = req.messages.flatMap((m) => m.toolCalls ?? [])[0];
    expect(call?.name).toBe('exec_command');
    const result = req.messages.find((m) => m.role === 'tool')?.toolResult;
    expect(result?.name).toBe('exec_command');
    expect(result?.content).toContain('SHELL-OUT-5150');
  });

  it('replay the apply_patch call with its raw patch text', () => {
    const second = codex.find((f) => f.file === 'custom-tool-2.json')?.fixture;
    const req = parseResponsesRequest(second?.body, noPrevious);
    const call = req.messages.flatMap((m) => m.toolCalls ?? [])[0];
    expect(call?.name).toBe('apply_patch');
    expect(JSON.parse(call?.arguments ?? '{}')).toEqual({
      input: expect.stringContaining('*** Add File: hello.txt'),
    });
  });

  it('turn --output-schema into a structured-output request', () => {
    const schema = codex.find((f) => f.file === 'output-schema-1.json')?.fixture;
    const req = parseResponsesRequest(schema?.body, noPrevious);
    expect(req.responseFormat).toMatchObject({ type: 'json_schema', strict: true });
    expect(req.textFormat).toMatchObject({ type: 'json_schema', name: 'codex_output_schema' });
    expect(prompt(req)).toContain('# Response format');
  });
});

describe('docs/compatibility.md', () => {
  const doc = readFileSync(new URL('../../../../docs/compatibility.md', import.meta.url), 'utf8');
  // Read from node_modules: the SDKs' `exports` do not expose their package.json.
  const version = (name: string) =>
    (
      JSON.parse(
        readFileSync(
          new URL(`../../../../node_modules/${name}/package.json`, import.meta.url),
          'utf8',
        ),
      ) as { version: string }
    ).version;
  const row = (client: string) =>
    new RegExp(
      `^\\| ${client.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\| ([^ |]+) +\\|`,
      'm',
    ).exec(doc)?.[1];

  it('names the client versions these tests ran', () => {
    expect(row('Claude Code CLI')).toBe(claudeCodeBinary().version);
    expect(row('Codex CLI (Responses API)')).toBe(codexLauncher().version);
    expect(row('`openai` SDK: Chat')).toBe(version('openai'));
    expect(row('`openai` SDK: Responses')).toBe(version('openai'));
    expect(row('`@anthropic-ai/sdk`')).toBe(version('@anthropic-ai/sdk'));
  });
});
