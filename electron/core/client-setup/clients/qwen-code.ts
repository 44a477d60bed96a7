/**
 * Qwen Code: `~/.qwen/settings.json` (JSON with comments; `$QWEN_CONFIG_DIR` moves it), in the
 * documented one-file API-key setup: `modelProviders.openai[]` entries naming an env var,
 * that env var in the file's own `env` block, `security.auth.selectedType` and `model.name`.
 */
import { join } from 'node:path';
import { envDir, firstEvidence, onPath } from '../context';
import { getPath, parseJsonc, setJsonValue, withFinalNewline } from '../json-edit';
import type { ClientSpec } from '../types';

export const QWEN_KEY_VAR = 'LINGMA_GATEWAY_API_KEY';

const entries = (parsed: unknown): Array<Record<string, unknown>> => {
  const list = getPath(parsed, ['modelProviders', 'openai']);
  return Array.isArray(list) ? (list as Array<Record<string, unknown>>) : [];
};

export const qwenCode: ClientSpec = {
  id: 'qwen-code',
  detect: (ctx) =>
    firstEvidence(ctx, [envDir(ctx, 'QWEN_CONFIG_DIR', '.qwen'), () => onPath(ctx, 'qwen')]),
  configPath: async (ctx) => join(envDir(ctx, 'QWEN_CONFIG_DIR', '.qwen'), 'settings.json'),
  configured(text, origin, file) {
    const parsed = parseJsonc(text, file);
    const selected = getPath(parsed, ['security', 'auth', 'selectedType']);
    const model = getPath(parsed, ['model', 'name']);
    const ours = entries(parsed).filter((e) => e.baseUrl === `${origin}/v1`);
    if (selected === 'openai' && ours.some((e) => e.id === model)) return 'ours';
    return selected !== undefined || model !== undefined ? 'other' : 'none';
  },
  write(text, v, file) {
    const parsed = parseJsonc(text ?? '', file);
    let out = text ?? '';
    const v1 = `${v.origin}/v1`;
    // Earlier setups (any port) are replaced, not piled up: ours name our env var.
    const list = entries(parsed);
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      if (e && (e.baseUrl === v1 || e.envKey === QWEN_KEY_VAR)) {
        out = setJsonValue(out, ['modelProviders', 'openai', i], undefined);
      }
    }
    const models = v.models.includes(v.model) ? v.models : [v.model, ...v.models];
    for (const id of models) {
      out = setJsonValue(out, ['modelProviders', 'openai', -1], {
        id,
        name: `${id} (Lingma Gateway)`,
        baseUrl: v1,
        envKey: QWEN_KEY_VAR,
        description: 'Tongyi Lingma through Lingma Gateway',
      });
    }
    out = setJsonValue(out, ['env', QWEN_KEY_VAR], v.key);
    out = setJsonValue(out, ['security', 'auth', 'selectedType'], 'openai');
    out = setJsonValue(out, ['model', 'name'], v.model);
    return { text: withFinalNewline(out), notes: [] };
  },
};
