/** Emulated structured output: the schema in the prompt, extraction, validation, correction. */
export { extractJson, type Extracted } from './extract-json';
export { createFormatChecker, type FormatChecker, type FormatVerdict } from './format-checker';
export { buildFormatCorrection, renderFormatBlock } from './format-prompt';
export {
  SchemaCompileError,
  SchemaValidator,
  describeError,
  schemaValidator,
  type CompiledSchema,
  type SchemaCheck,
} from './schema-validator';
