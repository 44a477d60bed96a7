/**
 * opencode: `~/.config/opencode/opencode.json(c)`, a custom provider on the AI SDK's
 * OpenAI-compatible package with the key in its options, and the default `model` pointing at it.
 */
import { join } from 'node:path';
import { exists, firstEvidence, onPath, xdgConfig } from '../context';
import { getPath, parseJsonc, setJsonValue, withFinalNewline } from '../json-edit';
import type { ClientSpec } from '../types';

const PROVIDER = 'lingma-gateway';

export const opencode: ClientSpec = {
  id: 'opencode',
  detect: (ctx) =>
    firstEvidence(ctx, [
      join(xdgConfig(ctx), 'opencode'),
      join(ctx.home, '.opencode'),
      () => onPath(ctx, 'opencode'),
    ]),
  async configPath(ctx) {
    const dir = join(xdgConfig(ctx), 'opencode');
    const jsonc = join(dir, 'opencode.jsonc');
    return (await exists(jsonc)) ? jsonc : join(dir, 'opencode.json');
  },
  configured(text, origin, file) {
    const parsed = parseJsonc(text, file);
    const model = getPath(parsed, ['model']);
    const url = getPath(parsed, ['provider', PROVIDER, 'options', 'baseURL']);
    if (typeof model === 'string' && model.startsWith(`${PROVIDER}/`) && url === `${origin}/v1`) {
      return 'ours';
    }
    return model !== undefined ? 'other' : 'none';
  },
  write(text, v, file) {
    parseJsonc(text ?? '', file);
    let out = text ?? '';
    if (!text?.trim()) out = setJsonValue(out, ['$schema'], 'https://opencode.ai/config.json');
    const models = v.models.includes(v.model) ? v.models : [v.model, ...v.models];
    out = setJsonValue(out, ['provider', PROVIDER], {
      npm: '@ai-sdk/openai-compatible',
      name: 'Lingma Gateway',
      options: { baseURL: `${v.origin}/v1`, apiKey: v.key },
      models: Object.fromEntries(models.map((id) => [id, { name: id }])),
    });
    out = setJsonValue(out, ['model'], `${PROVIDER}/${v.model}`);
    return { text: withFinalNewline(out), notes: [] };
  },
};
