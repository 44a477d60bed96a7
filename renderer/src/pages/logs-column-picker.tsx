/**
 * Which columns the Requests grid shows (issue 16): a disclosure with one checkbox per column.
 * At least one column always stays.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLUMNS } from './logs-columns';

export function ColumnPicker(props: {
  visibility: Record<string, boolean>;
  onChange(next: Record<string, boolean>): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const shown = COLUMNS.filter((c) => props.visibility[c.id] !== false).length;
  return (
    <details
      className="column-picker"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <summary className="button secondary">{t('logs.columns')}</summary>
      {/* Rendered only while open: closed, its checkboxes are no Tab stops. */}
      {open && (
        <fieldset className="column-menu">
          <legend className="sr-only">{t('logs.columns')}</legend>
          {COLUMNS.map((c) => {
            const on = props.visibility[c.id] !== false;
            return (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={on && shown === 1}
                  onChange={(e) =>
                    props.onChange({ ...props.visibility, [c.id]: e.target.checked })
                  }
                />{' '}
                {t(`logs.col.${c.id}`)}
              </label>
            );
          })}
        </fieldset>
      )}
    </details>
  );
}
