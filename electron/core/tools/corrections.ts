/**
 * Corrective follow-ups. When an answer holds an unusable call, or no call although the request
 * demanded one, the chat engine re-asks once: it appends the model's answer and one of these texts
 * as a new user turn and renders the transcript again. The texts say precisely what was wrong, so
 * the retry can fix it instead of repeating it.
 */
import type { NeutralToolCall, ToolChoice, ToolDef } from '../chat/types';
import { CALL_FORMAT_EXAMPLE, TOOL_CALL_TAG } from './convention';
import { findTool, type InvalidToolBlock } from './validate';

function schemaLine(tool: ToolDef): string {
  return `Parameters of "${tool.name}" (JSON Schema): ${JSON.stringify(tool.parameters)}`;
}

function toolNames(tools: readonly ToolDef[]): string {
  return tools.map((t) => `"${t.name}"`).join(', ');
}

/** The follow-up for blocks that could not be turned into calls. */
export function buildInvalidCallCorrection(
  invalid: readonly InvalidToolBlock[],
  tools: readonly ToolDef[],
  choice: ToolChoice,
  acceptedCalls: readonly NeutralToolCall[] = [],
): string {
  const lines = [
    invalid.length === 1
      ? 'Your last reply contained a tool call that could not be used:'
      : `Your last reply contained ${invalid.length} tool calls that could not be used:`,
  ];
  invalid.forEach((block, i) => {
    const label = block.name ? `"${block.name}"` : 'unreadable call';
    lines.push(`${i + 1}. ${label}: ${block.reasons.join('; ')}`);
  });
  lines.push(
    '',
    'Write each corrected call again as its own fenced block, exactly like this:',
    '',
    CALL_FORMAT_EXAMPLE,
    '',
    'The block must contain one JSON object, and "arguments" must be a JSON object that follows the tool\'s parameter schema.',
  );
  if (acceptedCalls.length > 0) {
    const names = acceptedCalls.map((c) => `"${c.name}"`).join(', ');
    lines.push(`The other calls (${names}) were accepted: do not repeat them.`);
  }
  if (choice.type === 'tool') lines.push(`You must call the tool "${choice.name}".`);
  const seen = new Set<string>();
  for (const block of invalid) {
    const tool = block.name ? findTool(tools, block.name) : undefined;
    if (tool && !seen.has(tool.name)) {
      seen.add(tool.name);
      lines.push(schemaLine(tool));
    }
  }
  if (seen.size === 0) lines.push(`Available tools: ${toolNames(tools)}.`);
  return lines.join('\n');
}

/** The follow-up when `tool_choice` demanded a call and the answer had none. */
export function buildMissingCallCorrection(tools: readonly ToolDef[], choice: ToolChoice): string {
  if (choice.type === 'tool') {
    const tool = findTool(tools, choice.name);
    const lines = [
      `Your last reply did not call the tool "${choice.name}", but this reply must call it.`,
      'Reply with a fenced block exactly like this:',
      '',
      '```' + TOOL_CALL_TAG,
      `{"name": "${choice.name}", "arguments": { ... }}`,
      '```',
    ];
    if (tool) lines.push('', schemaLine(tool));
    return lines.join('\n');
  }
  return [
    'Your last reply did not call any tool, but this reply must call at least one.',
    'Write each call as its own fenced block, exactly like this:',
    '',
    CALL_FORMAT_EXAMPLE,
    '',
    `Available tools: ${toolNames(tools)}.`,
  ].join('\n');
}

/** The follow-up when the model wrote a call although no tools were offered. */
export function buildStrayCallCorrection(): string {
  return [
    `Your last reply contained a \`\`\`${TOOL_CALL_TAG} block, but no tools are available in this conversation.`,
    'Answer the request directly in plain text, without any tool call block.',
  ].join('\n');
}

/** What a finished answer needs: a correction for invalid calls, for a missing call, or nothing. */
export function correctionFor(
  outcome: { calls: readonly NeutralToolCall[]; invalid: readonly InvalidToolBlock[] },
  tools: readonly ToolDef[],
  choice: ToolChoice,
): string | null {
  if (choice.type === 'none' || tools.length === 0) return null;
  if (outcome.invalid.length > 0) {
    return buildInvalidCallCorrection(outcome.invalid, tools, choice, outcome.calls);
  }
  const demanded = choice.type === 'required' || choice.type === 'tool';
  if (demanded && outcome.calls.length === 0) return buildMissingCallCorrection(tools, choice);
  return null;
}
