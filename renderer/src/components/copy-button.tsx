import { useState } from 'react';
import { getApi } from '../api';

/** Copies through main (the clipboard works even when the window is not focused). */
export function CopyButton(props: {
  text: string | (() => Promise<string>);
  label?: string;
  disabled?: boolean;
}) {
  const [state, setState] = useState<'idle' | 'done' | 'error'>('idle');
  const copy = async () => {
    try {
      const text = typeof props.text === 'string' ? props.text : await props.text();
      await getApi().clipboardWrite({ text });
      setState('done');
    } catch {
      setState('error');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  const label = props.label ?? 'Copy';
  return (
    <button type="button" className="secondary" onClick={copy} disabled={props.disabled}>
      {state === 'done' ? 'Copied' : state === 'error' ? 'Copy failed' : label}
    </button>
  );
}
