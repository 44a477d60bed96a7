/**
 * The prompt side of emulated structured output: the instruction block that carries the schema,
 * and the corrective follow-up that quotes the validator's errors.
 */
import type { ResponseFormat } from '../../chat/types';

const HEADING = '# Response format';

/** The block appended to the question when the client requires JSON. */
export function renderFormatBlock(format: ResponseFormat): string {
  if (format.type === 'json_object') {
    return [
      HEADING,
      'Reply with one JSON object and nothing else: no prose before or after it, no code fence.',
    ].join('\n');
  }
  const lines = [
    HEADING,
    'Reply with one JSON value that is valid against the JSON Schema below, and nothing else: ' +
      'no prose before or after it, no code fence.',
  ];
  if (format.description?.trim()) lines.push(`What the value is for: ${format.description.trim()}`);
  lines.push(`JSON Schema: ${JSON.stringify(format.schema)}`);
  return lines.join('\n');
}

/** The follow-up after an answer that was not valid JSON or did not match the schema. */
export function buildFormatCorrection(format: ResponseFormat, problems: readonly string[]): string {
  const lines = [
    'Your last reply could not be used: it must be a single JSON value matching the required format.',
    'Problems:',
    ...problems.map((p) => `- ${p}`),
    '',
  ];
  if (format.type === 'json_schema') lines.push(`JSON Schema: ${JSON.stringify(format.schema)}`);
  lines.push(
    format.type === 'json_object'
      ? 'Reply again with only the corrected JSON object.'
      : 'Reply again with only the corrected JSON value.',
  );
  return lines.join('\n');
}
