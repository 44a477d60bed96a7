import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { useApp } from '../store';

/** The model the user picked for tool setup, shared by one-click setup and the snippets. */
const usePicked = create<{ model?: string; set(model: string): void }>((set) => ({
  set: (model) => set({ model }),
}));

export function useChosenModel(): [string, (m: string) => void] {
  const picked = usePicked((s) => s.model);
  const set = usePicked((s) => s.set);
  const models = useApp((s) => s.models);
  const fallback = useApp((s) => s.settings?.models.defaultModel) || models[0]?.id || 'auto';
  return [picked ?? fallback, set];
}

export function ModelSelect(props: { value: string; onChange(m: string): void }) {
  const { t } = useTranslation();
  const models = useApp((s) => s.models);
  return (
    <label>
      {t('snippets.model')}{' '}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {!models.some((m) => m.id === props.value) && (
          <option value={props.value} translate="no">
            {props.value}
          </option>
        )}
        {models.map((m) => (
          <option key={m.id} value={m.id} translate="no">
            {m.name} ({m.id})
          </option>
        ))}
      </select>
    </label>
  );
}
