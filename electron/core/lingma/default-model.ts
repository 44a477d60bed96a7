/**
 * Which model a request gets when it names none Lingma knows. No captured `config/queryModels`
 * result carries `isDefault` (§7; L), and the "Auto" key differs per account (`auto`,
 * `dashscope_qwen3_coder_default`, `org_auto`; ZC, PRED; M), so nothing here hard-codes a key.
 * The rule (§7 "Choose the default yourself"): the configured key when the account lists it, else
 * the model heading the scene the turn runs in (the "Auto" entry came first in ZC's listings; M).
 */
import type { LingmaModel } from './types';

export interface DefaultModelOptions {
  /** Settings `models.defaultModel`; '' = none. */
  configured?: string;
  /** The turn's scene = its `sessionType`: `chat`, or `assistant`/`developer` in agent mode. */
  scene?: string;
}

export function defaultModel(
  models: readonly LingmaModel[],
  options: DefaultModelOptions = {},
): LingmaModel | undefined {
  const { configured = '', scene = 'chat' } = options;
  if (configured) {
    const hit = models.find((m) => m.key === configured);
    if (hit) return hit;
  }
  const inScene = models.filter((m) => m.scenes.includes(scene));
  return (
    // Honoured if a build ever sends it; never expected (L).
    inScene.find((m) => m.isDefault) ??
    models.find((m) => m.defaultFor?.includes(scene)) ??
    models.find((m) => m.defaultFor?.includes('chat')) ??
    inScene[0] ??
    models[0]
  );
}
