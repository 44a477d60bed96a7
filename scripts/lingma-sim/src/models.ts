import type { SimModelSpec } from './scenario-types.js';

/** A `config/queryModels` item; url/apiKey/model are always empty for system models. */
export interface ModelItem {
  key: string;
  displayName: string;
  format: 'openai';
  source: 'system';
  isReasoning: boolean;
  isVl: boolean;
  isDefault: boolean;
  url: string;
  apiKey: string;
  model: string;
  baseUrl: string;
}

const AUTO: SimModelSpec = { key: 'auto', displayName: 'Auto' };
const CODER: SimModelSpec = { key: 'dashscope_qwen3_coder', displayName: 'Qwen3-Coder' };
const MAX: SimModelSpec = { key: 'dashscope_qwen_max_latest', displayName: 'Qwen-Max' };
const THINKING: SimModelSpec = {
  key: 'dashscope_qwen_plus_20250428_thinking',
  displayName: 'Qwen-Plus (thinking)',
  isReasoning: true,
};
const VL: SimModelSpec = { key: 'dashscope_qwen_vl_max', displayName: 'Qwen-VL-Max', isVl: true };

/** Models repeat across scenes on purpose: clients have to dedupe by key. */
const DEFAULT_SCENES: Record<string, SimModelSpec[]> = {
  assistant: [AUTO, CODER, MAX, THINKING],
  chat: [AUTO, CODER, MAX, THINKING, VL],
  developer: [AUTO, CODER, THINKING],
  inline: [CODER],
  quest: [AUTO, MAX],
};

function toItem(spec: SimModelSpec, index: number): ModelItem {
  return {
    key: spec.key,
    displayName: spec.displayName ?? spec.key,
    format: 'openai',
    source: 'system',
    isReasoning: spec.isReasoning ?? false,
    isVl: spec.isVl ?? false,
    isDefault: spec.isDefault ?? index === 0,
    url: '',
    apiKey: '',
    model: '',
    baseUrl: '',
  };
}

/** The scene-keyed model map, built-in or from the scenario's `models`. */
export class ModelCatalog {
  private readonly scenes: Record<string, ModelItem[]>;

  constructor(override?: Record<string, SimModelSpec[]>) {
    const source = override ?? DEFAULT_SCENES;
    this.scenes = Object.fromEntries(
      Object.entries(source).map(([scene, specs]) => [scene, specs.map(toItem)]),
    );
  }

  sceneMap(): Record<string, ModelItem[]> {
    return structuredClone(this.scenes);
  }

  find(key: string): ModelItem | undefined {
    for (const items of Object.values(this.scenes)) {
      const hit = items.find((m) => m.key === key);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The chat scene's default model, used when chat/ask names none. */
  defaultKey(): string {
    const chat = this.scenes.chat ?? Object.values(this.scenes)[0] ?? [];
    return (chat.find((m) => m.isDefault) ?? chat[0])?.key ?? 'auto';
  }
}
