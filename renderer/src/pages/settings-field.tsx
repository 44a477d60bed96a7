import { useTranslation } from 'react-i18next';
import { useApp } from '../store';
import type { FieldDef, FieldError } from './settings-fields';

// Field keys are built from the field table at run time; the i18n test checks they all exist.
type Key = 'settings.field.server.port.label';
const k = (s: string) => s as Key;

/**
 * One settings field: label, control, help text and (when the value cannot be saved) the reason,
 * all tied together for screen readers (aria-describedby, aria-invalid).
 */
export function SettingsField(props: {
  def: FieldDef;
  value: string | boolean;
  error?: FieldError;
  onChange(value: string | boolean): void;
}) {
  const { t } = useTranslation();
  const models = useApp((s) => s.models);
  const { def, value, error } = props;
  const id = `f-${def.path.replace('.', '-')}`;
  const base = `settings.field.${def.path}`;
  const describedBy = `${id}-help${error ? ` ${id}-error` : ''}`;
  const help = (
    <>
      <span id={`${id}-help`} className="help">
        {t(k(`${base}.help`), {
          min: def.min,
          max: def.max,
        })}
        {def.apply !== 'live' ? t(k(`settings.apply.${def.apply}`)) : ''}
      </span>
      {error && (
        <span id={`${id}-error`} className="error small" role="alert">
          {t(k(`settings.error.${error}`), { min: def.min, max: def.max })}
        </span>
      )}
    </>
  );
  if (def.kind === 'bool') {
    return (
      <div className="field">
        <label className="check">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            aria-describedby={describedBy}
            onChange={(e) => props.onChange(e.target.checked)}
          />{' '}
          {t(k(`${base}.label`))}
        </label>
        {help}
      </div>
    );
  }
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
  } as const;
  const text = String(value);
  let control: React.ReactNode;
  if (def.kind === 'select' || def.kind === 'model') {
    const options =
      def.kind === 'model'
        ? [
            '',
            ...models.map((m) => m.id),
            ...(text && !models.some((m) => m.id === text) ? [text] : []),
          ]
        : [...(def.options ?? [])];
    control = (
      <select {...common} value={text} onChange={(e) => props.onChange(e.target.value)}>
        {options.map((o) => (
          // Model names are data, not words to translate.
          <option key={o} value={o} translate={def.kind === 'model' && o !== '' ? 'no' : undefined}>
            {def.kind === 'model'
              ? o === ''
                ? t('settings.lingmaDefaultModel')
                : (models.find((m) => m.id === o)?.name ?? o)
              : t(k(`${base}.option.${o}`))}
          </option>
        ))}
      </select>
    );
  } else if (def.kind === 'lines' || def.kind === 'pairs') {
    control = (
      <textarea {...common} value={text} onChange={(e) => props.onChange(e.target.value)} />
    );
  } else {
    control = (
      <input
        {...common}
        // Text, not type=number: an emptied field must stay empty (and say so), not become 0.
        inputMode={def.kind === 'number' ? 'numeric' : undefined}
        value={text}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{t(k(`${base}.label`))}</label>
      {control}
      {help}
    </div>
  );
}
