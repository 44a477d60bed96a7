/**
 * Release notes as plain text. Feeds deliver HTML (GitHub renders the release body) or Markdown;
 * the app shows notes in a native dialog and the UI, never as HTML, so markup is reduced to text
 * here and nothing from the feed can inject script or styling.
 */
import type { ReleaseNoteEntry } from './updater-port';

const MAX_CHARS = 20_000;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** HTML (or Markdown, which passes through) → readable plain text. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<\/?(p|div|h[1-6]|ul|ol|pre|blockquote|tr)(\s[^>]*)?>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function releaseNotesText(
  notes: string | ReleaseNoteEntry[] | null | undefined,
): string | undefined {
  if (notes === null || notes === undefined) return undefined;
  const text =
    typeof notes === 'string'
      ? htmlToText(notes)
      : notes.map((n) => (n.note ? `${n.version}\n${htmlToText(n.note)}` : n.version)).join('\n\n');
  if (text === '') return undefined;
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}
