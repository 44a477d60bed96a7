import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';

/** Copies through main (the clipboard works even when the window is not focused). */
export function CopyButton(props: {
  text: string | (() => Promise<string>);
  label?: string;
  disabled?: boolean;
  onCopied?: () => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'done' | 'error'>('idle');
  const copy = async () => {
    try {
      const text = typeof props.text === 'string' ? props.text : await props.text();
      await getApi().clipboardWrite({ text });
      setState('done');
      props.onCopied?.();
    } catch {
      setState('error');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  const label = props.label ?? t('common.copy');
  return (
    <button type="button" className="secondary" onClick={copy} disabled={props.disabled}>
      {/* The label stays in the accessible name; the outcome is announced beside it. */}
      <span aria-live="polite">
        {state === 'done' ? t('common.copied') : state === 'error' ? t('common.copyFailed') : label}
      </span>
    </button>
  );
}
