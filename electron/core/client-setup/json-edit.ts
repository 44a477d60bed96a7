/**
 * Edits JSON / JSON-with-comments config files in place with jsonc-parser (the parser VS Code
 * uses for its own settings): only the values we set change; the user's comments, key order and
 * indentation stay. A file that does not parse is never rewritten.
 */
import {
  applyEdits,
  modify,
  parse,
  printParseErrorCode,
  type FormattingOptions,
  type JSONPath,
  type ParseError,
} from 'jsonc-parser';
import { ConfigFormatError } from './types';

/** Line (1-based) of a character offset, for error messages a user can act on. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Parses JSON with comments and trailing commas; throws ConfigFormatError on anything else. */
export function parseJsonc(text: string, file: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) {
    throw new ConfigFormatError(
      file,
      `${printParseErrorCode(first.error)} at line ${lineOf(text, first.offset)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigFormatError(file, 'the file is not a JSON object');
  }
  return value as Record<string, unknown>;
}

/** The file's own indentation (first indented line), so inserted lines match it. */
export function detectFormatting(text: string): FormattingOptions {
  const indented = /^([ \t]+)\S/m.exec(text);
  const unit = indented?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return unit.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: unit.length, eol };
}

/** Sets (or, with `undefined`, removes) one value; creates missing parent objects. */
export function setJsonValue(text: string, path: JSONPath, value: unknown): string {
  const base = text.trim() === '' ? '{}' : text;
  const edits = modify(base, path, value, { formattingOptions: detectFormatting(text) });
  return applyEdits(base, edits);
}

/** Appends an item to the array at `path` (creating the array when missing). */
export function appendJsonItem(text: string, path: JSONPath, item: unknown): string {
  return setJsonValue(text, [...path, -1], item);
}

/** Reads a value by path from a parsed object. */
export function getPath(obj: unknown, path: Array<string | number>): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Ends the document with one newline, as editors leave it. */
export function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
