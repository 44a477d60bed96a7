/**
 * The raw entry (issue 16): the request body, the response and the whole stored entry as
 * formatted JSON, searchable (matches highlighted, counted, next/previous) and copyable.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../components/copy-button';

type Part = 'request' | 'response' | 'entry';

const MAX_MARKS = 2000;

/** Splits `text` around case-insensitive matches of `q` (at most MAX_MARKS highlighted). */
export function highlight(text: string, q: string): Array<{ s: string; hit: boolean }> {
  if (!q) return [{ s: text, hit: false }];
  const lower = text.toLowerCase();
  const needle = q.toLowerCase();
  const out: Array<{ s: string; hit: boolean }> = [];
  let at = 0;
  for (let n = 0; n < MAX_MARKS; n++) {
    const i = lower.indexOf(needle, at);
    if (i < 0) break;
    if (i > at) out.push({ s: text.slice(at, i), hit: false });
    out.push({ s: text.slice(i, i + needle.length), hit: true });
    at = i + needle.length;
  }
  out.push({ s: text.slice(at), hit: false });
  return out;
}

const pretty = (v: unknown): string =>
  v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 2);

export function RawView(props: { entry: Record<string, unknown>; curl: string }) {
  const { t } = useTranslation();
  const [part, setPart] = useState<Part>('request');
  const [q, setQ] = useState('');
  const [current, setCurrent] = useState(0);
  const pre = useRef<HTMLPreElement>(null);
  const text = useMemo(() => {
    if (part === 'request') return pretty(props.entry.requestBody);
    if (part === 'response') return pretty(props.entry.responseBody);
    return pretty(props.entry);
  }, [part, props.entry]);
  const pieces = useMemo(() => highlight(text, q.trim()), [text, q]);
  const hits = pieces.filter((p) => p.hit).length;
  useEffect(() => setCurrent(0), [q, part]);
  useEffect(() => {
    pre.current?.querySelector('mark.current')?.scrollIntoView({ block: 'nearest' });
  }, [current, pieces]);
  let k = -1;
  return (
    <div className="raw">
      <div className="row wrap">
        <label>
          {t('logs.raw.show')}{' '}
          <select value={part} onChange={(e) => setPart(e.target.value as Part)}>
            <option value="request">{t('logs.detail.request')}</option>
            <option value="response">{t('logs.detail.response')}</option>
            <option value="entry">{t('logs.raw.entry')}</option>
          </select>
        </label>
        <input
          type="search"
          aria-label={t('logs.raw.search')}
          placeholder={t('logs.raw.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && hits > 0) {
              e.preventDefault();
              setCurrent((c) => (e.shiftKey ? (c - 1 + hits) % hits : (c + 1) % hits));
            }
          }}
        />
        <span className="muted small" aria-live="polite">
          {q.trim() ? t('logs.raw.matches', { count: hits }) : ''}
        </span>
        <CopyButton text={text} label={t('logs.raw.copy')} disabled={!text} />
        <CopyButton text={props.curl} label={t('logs.detail.copyCurl')} />
      </div>
      {text ? (
        <pre
          ref={pre}
          className="code raw-text"
          translate="no"
          tabIndex={0}
          aria-label={t('logs.raw.label')}
        >
          {pieces.map((p, i) => {
            if (!p.hit) return p.s;
            k += 1;
            return (
              <mark key={i} className={k === current ? 'current' : undefined}>
                {p.s}
              </mark>
            );
          })}
        </pre>
      ) : (
        <p className="muted">{t('logs.raw.nothing')}</p>
      )}
    </div>
  );
}
