import { describe, expect, it } from 'vitest';
import type { LingmaModel } from '../lingma/types';
import { resolveModel } from './model-resolver';

const model = (key: string, extra: Partial<LingmaModel> = {}): LingmaModel => ({
  key,
  displayName: key,
  isReasoning: false,
  isVl: false,
  isDefault: false,
  scenes: ['chat'],
  ...extra,
});
const models = [
  model('auto', { isDefault: true }),
  model('qwen_coder'),
  model('qwen_think', { isReasoning: true }),
];
const opts = { defaultModel: '', aliases: { 'gpt-4o': 'qwen_coder' }, askMode: 'chat' as const };

describe('resolveModel', () => {
  it('uses a Lingma key as is', () => {
    expect(resolveModel('qwen_think', models, opts)).toMatchObject({
      key: 'qwen_think',
      via: 'exact',
      isReasoning: true,
    });
  });
  it('maps aliases', () => {
    expect(resolveModel('gpt-4o', models, opts)).toMatchObject({ key: 'qwen_coder', via: 'alias' });
  });
  it('falls back to the configured default, then the upstream default', () => {
    expect(resolveModel('claude-sonnet-4-5', models, opts)).toMatchObject({
      key: 'auto',
      via: 'default',
    });
    expect(resolveModel('gpt-5', models, { ...opts, defaultModel: 'qwen_coder' }).key).toBe(
      'qwen_coder',
    );
  });
  it('switches to agent mode for agent aliases', () => {
    expect(resolveModel('lingma-agent', models, opts)).toMatchObject({
      mode: 'agent',
      key: 'auto',
    });
  });
  it('works with no models known yet', () => {
    expect(resolveModel('x', [], opts)).toMatchObject({ key: '', reported: 'x', via: 'default' });
  });
});
