/**
 * Structured-output requests of the three APIs → one {@link ResponseFormat}:
 *
 * - Chat Completions `response_format`: `text`, `json_object`, or
 *   `json_schema: {name, description?, schema?, strict?}`;
 * - Responses `text.format`: the same three, flattened (`{type: "json_schema", name, schema, …}`);
 * - Anthropic `output_config.format` (and the older beta `output_format`): `{type: "json_schema",
 *   schema}`.
 *
 * What the real APIs reject (an unknown type, a json_schema without its name or schema) is a 400
 * naming the param; the schema itself is compiled later by the engine, which rejects one the
 * validator cannot use before any output.
 */
import type { ResponseFormat } from '../../chat/types';
import {
  expectNonEmptyString,
  expectObject,
  expectString,
  invalid,
  isAbsent,
  optBoolean,
  optObject,
  optString,
  type JsonObject,
} from './validate';

/** A schema with no constraints: OpenAI documents a json_schema without `schema` as "any JSON". */
const ANY_SCHEMA: Readonly<Record<string, unknown>> = {};

function typeOf(obj: JsonObject, param: string, allowed: readonly string[]): string {
  const type = expectString(obj.type, `${param}.type`);
  if (!allowed.includes(type))
    invalid(
      `Invalid value: '${type}'. Supported values are: ${allowed.map((t) => `'${t}'`).join(', ')}.`,
      `${param}.type`,
    );
  return type;
}

function jsonSchemaFormat(
  spec: JsonObject,
  param: string,
  schemaRequired: boolean,
): ResponseFormat {
  const name = expectNonEmptyString(spec.name, `${param}.name`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
    invalid(
      `Invalid '${param}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' (at most 64 characters).`,
      `${param}.name`,
    );
  if (schemaRequired && isAbsent(spec.schema))
    invalid(`Missing required parameter: '${param}.schema'.`, `${param}.schema`);
  const schema = optObject(spec.schema, `${param}.schema`) ?? { ...ANY_SCHEMA };
  const description = optString(spec.description, `${param}.description`);
  const strict = optBoolean(spec.strict, `${param}.strict`);
  return {
    type: 'json_schema',
    name,
    schema,
    ...(description === undefined ? {} : { description }),
    ...(strict === undefined ? {} : { strict }),
  };
}

/** Chat Completions `response_format` (undefined for `text` or absent). */
export function parseChatResponseFormat(value: unknown): ResponseFormat | undefined {
  const obj = optObject(value, 'response_format');
  if (!obj) return undefined;
  const type = typeOf(obj, 'response_format', ['text', 'json_object', 'json_schema']);
  if (type === 'text') return undefined;
  if (type === 'json_object') return { type: 'json_object' };
  if (isAbsent(obj.json_schema))
    invalid(
      "Missing required parameter: 'response_format.json_schema'.",
      'response_format.json_schema',
    );
  const spec = expectObject(obj.json_schema, 'response_format.json_schema');
  return jsonSchemaFormat(spec, 'response_format.json_schema', false);
}

/** Responses `text.format` (undefined for `text` or absent). */
export function parseResponsesTextFormat(text: JsonObject | undefined): ResponseFormat | undefined {
  const obj = optObject(text?.format, 'text.format');
  if (!obj) return undefined;
  const type = typeOf(obj, 'text.format', ['text', 'json_object', 'json_schema']);
  if (type === 'text') return undefined;
  if (type === 'json_object') return { type: 'json_object' };
  return jsonSchemaFormat(obj, 'text.format', true);
}

/**
 * Anthropic `output_config.format`, else the beta top-level `output_format` (same shape). Only
 * `json_schema` exists; Anthropic always constrains the answer to it, so it counts as strict.
 */
export function parseAnthropicOutputFormat(body: JsonObject): ResponseFormat | undefined {
  const config = optObject(body.output_config, 'output_config');
  const [raw, param] = isAbsent(config?.format)
    ? [body.output_format, 'output_format']
    : [config?.format, 'output_config.format'];
  const obj = optObject(raw, param);
  if (!obj) return undefined;
  typeOf(obj, param, ['json_schema']);
  if (isAbsent(obj.schema)) invalid(`\`${param}.schema\` is required.`, `${param}.schema`);
  return { type: 'json_schema', schema: expectObject(obj.schema, `${param}.schema`), strict: true };
}
