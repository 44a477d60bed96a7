/**
 * OpenAI message content → prompt text, with non-text parts degraded to placeholders.
 */
import { PLACEHOLDER } from './placeholders';
import { describe, expectObject, expectString, invalid, isAbsent } from './validate';

/** Parts are separate paragraphs of one message; a newline keeps them apart in the prompt. */
const PART_SEPARATOR = '\n';

function partText(part: unknown, param: string): string {
  const p = expectObject(part, param);
  const type = expectString(p.type, `${param}.type`);
  switch (type) {
    case 'text':
      return expectString(p.text, `${param}.text`);
    case 'refusal':
      return expectString(p.refusal, `${param}.refusal`);
    case 'image_url':
      return PLACEHOLDER.image;
    case 'input_audio':
      return PLACEHOLDER.audio;
    case 'file':
      return PLACEHOLDER.file;
    default:
      return invalid(
        `\`${param}.type\` must be one of text, image_url, input_audio, file, refusal; got "${type}".`,
        `${param}.type`,
      );
  }
}

/**
 * A message's `content`: a string or an array of parts. `nullable` is for assistant turns, where
 * OpenAI allows null content next to `tool_calls` (null then reads as empty text).
 */
export function openAiContentText(content: unknown, param: string, nullable: boolean): string {
  if (typeof content === 'string') return content;
  if (isAbsent(content)) {
    if (nullable) return '';
    return invalid(`\`${param}\` is required.`, param);
  }
  if (!Array.isArray(content))
    return invalid(
      `\`${param}\` must be a string or an array of content parts, got ${describe(content)}.`,
      param,
    );
  return content
    .map((part, i) => partText(part, `${param}[${i}]`))
    .filter((text) => text.length > 0)
    .join(PART_SEPARATOR);
}
