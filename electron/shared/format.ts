/**
 * Number, size, speed and time formatting for both languages (Intl does the locale work). Pure:
 * the renderer, the tray tooltip and notifications share it so the same download reads the same
 * everywhere.
 */
import type { Language, Translate } from './i18n';

const MB = 1_000_000;

/** "34.2 MB" / "0.8 MB": megabytes with one decimal, as download sizes are usually quoted. */
export function formatMegabytes(bytes: number, lang: Language): string {
  const mb = bytes / MB;
  return new Intl.NumberFormat(lang, {
    maximumFractionDigits: mb < 10 ? 1 : 0,
    minimumFractionDigits: mb < 10 ? 1 : 0,
  }).format(mb);
}

/** Whole seconds or minutes left, rounded up so "0 s left" never shows while bytes are missing. */
export function formatDuration(seconds: number, t: Translate): string {
  if (seconds < 60) return t('format.seconds', { count: Math.max(1, Math.ceil(seconds)) });
  return t('format.minutes', { count: Math.ceil(seconds / 60) });
}

/** Local clock time, e.g. "14:05". */
export function formatClock(epochMs: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(epochMs);
}

export function formatDateTime(epochMs: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

export interface DownloadFigures {
  receivedBytes: number;
  totalBytes?: number;
  percent?: number;
  bytesPerSecond?: number;
}

/**
 * "34.2 of 101.5 MB · 2.3 MB/s · about 30 s left" (parts appear as they become known: no total
 * means no "of", no speed yet means no rate and no estimate).
 */
export function formatDownload(d: DownloadFigures, t: Translate, lang: Language): string {
  const received = formatMegabytes(d.receivedBytes, lang);
  const parts = [
    d.totalBytes
      ? t('format.sizeOf', { received, total: formatMegabytes(d.totalBytes, lang) })
      : t('format.size', { received }),
  ];
  if (d.bytesPerSecond && d.bytesPerSecond > 0) {
    parts.push(t('format.speed', { speed: formatMegabytes(d.bytesPerSecond, lang) }));
    if (d.totalBytes && d.totalBytes > d.receivedBytes) {
      const left = (d.totalBytes - d.receivedBytes) / d.bytesPerSecond;
      parts.push(t('format.timeLeft', { time: formatDuration(left, t) }));
    }
  }
  return parts.join(' · ');
}

/**
 * A Lingma user type in plain words: `personal_standard` → "Personal standard" / "个人标准版".
 * Each word has its own translation; an unknown word is kept as it is rather than hiding the
 * value (no source lists every type, §6.1).
 */
export function formatUserType(userType: string, t: Translate): string {
  const words = userType
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => t(`account.userTypeWord.${w.toLowerCase()}`, { defaultValue: w.toLowerCase() }));
  const text = words.join(t('account.userTypeJoiner'));
  return text.charAt(0).toUpperCase() + text.slice(1);
}
