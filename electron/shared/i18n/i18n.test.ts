import { describe, expect, it } from 'vitest';
import { APP_STATE_IDS } from '../app-state';
import { formatUserType } from '../format';
import { en } from './en';
import { createTranslator, resolveLanguage } from './index';
import { zhCN } from './zh-cn';

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
const params = (s: string): string[] =>
  [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogue', () => {
  const enLeaves = leaves(en as unknown as Tree);
  const zhLeaves = leaves(zhCN as unknown as Tree);

  it('has every English key in Chinese and no others', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('uses the same placeholders in both languages, and no empty text', () => {
    for (const [key, text] of enLeaves) {
      const zh = zhLeaves.get(key) ?? '';
      expect(params(zh), key).toEqual(params(text));
      const mayBeEmpty = key === 'account.userTypeJoiner';
      if (!mayBeEmpty) expect(zh.trim().length, key).toBeGreaterThan(0);
    }
  });

  it('translates the Chinese catalogue into Chinese (no English sentence left behind)', () => {
    // Product and API names stay as they are; anything else in Latin letters must not be alone.
    const names =
      /Lingma Gateway|Lingma|Claude Code|Codex CLI|Cursor|Cline|Continue|curl|English|OpenAI|Anthropic|SDK|TypeScript|Python|GPT|MB|\{\{\w+\}\}/g;
    for (const [key, zh] of zhLeaves) {
      if (key === 'account.userTypeJoiner') continue;
      const rest = zh.replace(names, '');
      const chinese = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(zh);
      expect(chinese || !/[A-Za-z]{2,}/.test(rest), `${key}: ${zh}`).toBe(true);
    }
  });

  it('has a title for every app state', () => {
    for (const id of APP_STATE_IDS) expect(enLeaves.has(`state.title.${id}`)).toBe(true);
  });
});

describe('language choice', () => {
  it('follows the OS unless Settings name a language', () => {
    expect(resolveLanguage('system', ['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['zh_TW'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['de-DE', 'en-GB', 'zh-CN'])).toBe('en');
    expect(resolveLanguage('system', ['fr-FR'])).toBe('en');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveLanguage(undefined, [])).toBe('en');
  });

  it('uses CLDR plurals and plain words for user types', () => {
    const t = createTranslator('en');
    expect(t('tray.requestsToday', { count: 1 })).toBe('1 request today');
    expect(t('tray.requestsToday', { count: 3 })).toBe('3 requests today');
    expect(createTranslator('zh-CN')('tray.requestsToday', { count: 3 })).toBe('今日 3 个请求');
    expect(formatUserType('personal_standard', t)).toBe('Personal standard');
    expect(formatUserType('personal_standard', createTranslator('zh-CN'))).toBe('个人标准版');
    expect(formatUserType('galaxy_tier', t)).toBe('Galaxy tier');
  });
});
