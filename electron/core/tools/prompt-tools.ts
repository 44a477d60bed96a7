/**
 * The tool instruction block of the prompt: the convention, the rules the parser enforces, what
 * `tool_choice` demands, then every tool with its description and parameter schema.
 */
import type { ToolChoice, ToolDef } from '../chat/types';
import { CALL_FORMAT_EXAMPLE, TOOL_RESULT_TAG } from './convention';
import { renderParameters } from './schema-compact';

/** Whether the prompt offers the tools at all (`tool_choice: none` hides them). */
export function toolsOffered(tools: readonly ToolDef[], choice: ToolChoice): boolean {
  return tools.length > 0 && choice.type !== 'none';
}

function choiceRule(choice: ToolChoice): string {
  switch (choice.type) {
    case 'required':
      return '- In this reply you MUST call at least one tool.';
    case 'tool':
      return `- In this reply you MUST call the tool "${choice.name}".`;
    default:
      return '- Call a tool when it helps with the request; otherwise reply normally, without any block.';
  }
}

/** Trailing spaces and runs of blank lines say nothing to the model. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One tool: its name, description and parameters (compact lines, schema-compact.ts). */
export function describeTool(tool: ToolDef): string {
  const lines = [`## ${tool.name}`];
  const description = tool.description ? tidy(tool.description) : '';
  if (description) lines.push(description);
  lines.push(renderParameters(tool.parameters));
  // Free-form tools: the client's grammar says what the one "input" string must look like.
  if (tool.format) lines.push(tool.format);
  return lines.join('\n');
}

/** The whole block, starting with its `# Tools` heading. */
export function renderToolBlock(tools: readonly ToolDef[], choice: ToolChoice): string {
  const intro = [
    '# Tools',
    'You can call the tools listed below. To call a tool, write a fenced block exactly like this, on its own lines:',
    '',
    CALL_FORMAT_EXAMPLE,
    '',
    '- "name" is one of the tool names below; "arguments" is a JSON object with the tool\'s parameters: every required one, and no others.',
    '- Write one block per call. To call several tools at once, write several blocks.',
    `- After your call blocks, stop and wait: the results come back in the next message as \`\`\`${TOOL_RESULT_TAG} blocks. Never write those blocks or invent results yourself.`,
    '- Text outside the blocks is shown to the user.',
    '- Calls from earlier turns carry an "id" added by the system; you do not write ids.',
    choiceRule(choice),
  ].join('\n');
  return [intro, ...tools.map(describeTool)].join('\n\n');
}
