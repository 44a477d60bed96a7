/**
 * The gateway lists one model catalogue although each account may see a different one: the union,
 * keyed by model key, first account first.
 */
import type { LingmaModel } from '../lingma/types';

/** Merges per-instance lists: one entry per key, scenes unioned, order of first appearance. */
export function unionModels(lists: ReadonlyArray<readonly LingmaModel[]>): LingmaModel[] {
  const byKey = new Map<string, LingmaModel>();
  for (const list of lists) {
    for (const model of list) {
      const seen = byKey.get(model.key);
      if (!seen) {
        byKey.set(model.key, { ...model, scenes: [...model.scenes] });
        continue;
      }
      for (const scene of model.scenes) if (!seen.scenes.includes(scene)) seen.scenes.push(scene);
    }
  }
  return [...byKey.values()];
}
