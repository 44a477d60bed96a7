/**
 * A tool call → the output item the client expects for that tool's type: `function_call` (with
 * its `namespace` for namespaced tools), `custom_tool_call` (the raw input string of a free-form
 * tool) or `local_shell_call` (an exec action). The model wrote every call in one JSON convention;
 * the request's tool definitions say which shape goes back.
 */
import type { NeutralToolCall, ToolDef } from '../../../chat/types';
import { normalizeArguments } from '../result';
import { itemId } from './ids';
import type { CallItem, LocalShellCallItem } from './types';

function argsObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(normalizeArguments(text));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Bridged upstream calls are not validated: fall through to the raw text.
  }
  return { input: text };
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return ['bash', '-lc', value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

function shellAction(args: Record<string, unknown>): LocalShellCallItem['action'] {
  const env =
    typeof args.env === 'object' && args.env !== null && !Array.isArray(args.env)
      ? Object.fromEntries(
          Object.entries(args.env).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      : {};
  return {
    type: 'exec',
    command: stringList(args.command) ?? [],
    env,
    ...(typeof args.timeout_ms === 'number' ? { timeout_ms: args.timeout_ms } : {}),
    ...(typeof args.working_directory === 'string'
      ? { working_directory: args.working_directory }
      : {}),
  };
}

/** The output item for `call` at `index` of response `responseId`. */
export function callItem(
  responseId: string,
  index: number,
  call: NeutralToolCall,
  tools: readonly ToolDef[],
): CallItem {
  const tool = tools.find((t) => t.name === call.name);
  const name = tool?.namespace?.tool ?? call.name;
  const namespace = tool?.namespace ? { namespace: tool.namespace.name } : {};
  if (tool?.kind === 'custom') {
    const input = argsObject(call.arguments).input;
    return {
      id: itemId(responseId, 'ctc', index),
      type: 'custom_tool_call',
      call_id: call.id,
      name,
      input: typeof input === 'string' ? input : JSON.stringify(input ?? ''),
      ...namespace,
    };
  }
  if (tool?.kind === 'local_shell') {
    return {
      id: itemId(responseId, 'lsh', index),
      type: 'local_shell_call',
      call_id: call.id,
      action: shellAction(argsObject(call.arguments)),
      status: 'completed',
    };
  }
  return {
    id: itemId(responseId, 'fc', index),
    type: 'function_call',
    call_id: call.id,
    name,
    arguments: call.arguments,
    status: 'completed',
    ...namespace,
  };
}
