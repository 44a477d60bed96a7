/**
 * Checks a structured answer against what the client asked for: extract the JSON value, require an
 * object for `json_object`, validate against the schema for `json_schema`.
 */
import type { ResponseFormat } from '../../chat/types';
import { isJsonObject } from '../lenient-json';
import { extractJson } from './extract-json';
import { buildFormatCorrection } from './format-prompt';
import { schemaValidator, type CompiledSchema, type SchemaValidator } from './schema-validator';

/** The verdict on one answer. `json` is the extracted value's text whenever one was found. */
export interface FormatVerdict {
  ok: boolean;
  json?: string;
  /** Why the answer does not fit (empty when ok). */
  problems: string[];
}

export interface FormatChecker {
  check(answer: string): FormatVerdict;
  /** The corrective follow-up for a failed verdict. */
  correction(problems: readonly string[]): string;
}

/**
 * A checker for one request's format. The schema is compiled here, once per request (cached across
 * requests), so an unusable schema fails before anything is sent upstream.
 * @throws SchemaCompileError for a schema the validator cannot compile.
 */
export function createFormatChecker(
  format: ResponseFormat,
  validator: SchemaValidator = schemaValidator,
): FormatChecker {
  const compiled: CompiledSchema | undefined =
    format.type === 'json_schema' ? validator.compile(format.schema) : undefined;
  return {
    check(answer) {
      const found = extractJson(answer);
      if (!found.ok) return { ok: false, problems: [found.error] };
      if (format.type === 'json_object' && !isJsonObject(found.value))
        return { ok: false, json: found.json, problems: ['the reply must be a JSON object'] };
      const verdict = compiled?.check(found.value) ?? { ok: true as const };
      if (!verdict.ok) return { ok: false, json: found.json, problems: verdict.errors };
      return { ok: true, json: found.json, problems: [] };
    },
    correction: (problems) => buildFormatCorrection(format, problems),
  };
}
