import { createHash } from 'node:crypto';
import type { SimModelSpec } from './scenario-types.js';
import type { CatalogueMode, CatalogueName } from './strict-options.js';

/**
 * A `config/queryModels` item (ZC live, CLAW POJO). url/apiKey/model are always empty for system
 * models. There is deliberately no `isDefault`: no captured result has one (§7, §13.15; L), so a
 * client that waits for it never finds a default.
 */
export interface ModelItem {
  key: string;
  displayName: string;
  format: 'openai';
  source: 'system';
  isReasoning: boolean;
  isVl: boolean;
  url: string;
  apiKey: string;
  model: string;
  baseUrl: string;
}

const THINKING: SimModelSpec = {
  key: 'dashscope_qwen_plus_20250428_thinking',
  displayName: 'qwen3-thinking',
  isReasoning: true,
};
const CODER: SimModelSpec = { key: 'dashscope_qwen3_coder', displayName: 'qwen3-coder' };
const MAX: SimModelSpec = { key: 'dashscope_qwen_max_latest', displayName: 'qwen2.5-max' };
const VL: SimModelSpec = { key: 'dashscope_qwen_vl_max', displayName: 'qwen-vl-max', isVl: true };

/** The "Auto" entry comes first in every listing ZC captured (M); its key differs per account. */
function scenes(auto: SimModelSpec, quest: boolean): Record<string, SimModelSpec[]> {
  return {
    assistant: [auto, CODER, MAX, THINKING],
    chat: [auto, CODER, THINKING, MAX, VL],
    developer: [auto, CODER, THINKING],
    inline: [CODER],
    ...(quest ? { quest: [auto, MAX] } : {}),
  };
}

/**
 * The catalogues of §7 / §13.15: ZC's intl account (2.11.1), ZC's later Windows listing, and the
 * organisation account PRED ran in production (`org_auto`, `dashscope_qmodel`). Scenes repeat
 * models on purpose: clients must de-duplicate by key.
 */
export const CATALOGUES: Record<CatalogueName, Record<string, SimModelSpec[]>> = {
  intl: scenes({ key: 'dashscope_qwen3_coder_default', displayName: 'Auto' }, false),
  auto: scenes({ key: 'auto', displayName: 'Auto' }, true),
  org: {
    ...scenes({ key: 'org_auto', displayName: 'Auto' }, false),
    chat: [
      { key: 'org_auto', displayName: 'Auto' },
      { key: 'dashscope_qmodel', displayName: 'qmodel' },
      THINKING,
    ],
  },
};

const NAMES: CatalogueName[] = ['intl', 'auto', 'org'];

/** `by-account`: the catalogue follows the account (a stable hash of its uid), as on real ones. */
export function catalogueFor(mode: CatalogueMode, uid: string | undefined): CatalogueName {
  if (mode !== 'by-account') return mode;
  const byte = createHash('sha256')
    .update(uid ?? '')
    .digest()[0] as number;
  return NAMES[byte % NAMES.length] as CatalogueName;
}

function toItem(spec: SimModelSpec): ModelItem {
  return {
    key: spec.key,
    displayName: spec.displayName ?? spec.key,
    format: 'openai',
    source: 'system',
    isReasoning: spec.isReasoning ?? false,
    isVl: spec.isVl ?? false,
    url: '',
    apiKey: '',
    model: '',
    baseUrl: '',
  };
}

/** The scene-keyed model map of one account: a scenario's `models`, or a real-looking catalogue. */
export class ModelCatalog {
  constructor(
    private readonly override: Record<string, SimModelSpec[]> | undefined,
    private readonly mode: CatalogueMode,
  ) {}

  /** The map for the logged-in account (logged out, the binary answers `{}`: ZC; H). */
  sceneMap(uid: string | undefined): Record<string, ModelItem[]> {
    if (uid === undefined) return {};
    const source = this.override ?? CATALOGUES[catalogueFor(this.mode, uid)];
    return Object.fromEntries(
      Object.entries(source).map(([scene, specs]) => [scene, specs.map(toItem)]),
    );
  }

  find(uid: string | undefined, key: string): ModelItem | undefined {
    for (const items of Object.values(this.sceneMap(uid))) {
      const hit = items.find((m) => m.key === key);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * The model used when chat/ask names none: the first of the scene named by `sessionType`
   * (§7: "the first item of the scene you will use"; M), else of `chat`.
   */
  defaultKey(uid: string | undefined, sessionType: string): string {
    const map = this.sceneMap(uid);
    const scene = map[sessionType] ?? map.chat ?? Object.values(map)[0] ?? [];
    return scene[0]?.key ?? '';
  }
}
