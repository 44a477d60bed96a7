import { sleep } from './async-util.js';
import { toolBlock } from './answer-text.js';
import type { SimContext } from './context.js';
import type { SimToolInvoke, SimToolSync } from './scenario-types.js';
import type { OutboundOutcome } from './rpc-types.js';
import type { ActiveTurn } from './turn-registry.js';
import type { TurnStream } from './turn-stream.js';

/** Appends answer text (a turn in lagging mode collects it instead of streaming it). */
export type EmitText = (text: string) => Promise<void>;

export interface ToolStepEnv {
  ctx: SimContext;
  turn: ActiveTurn;
  stream: TurnStream;
  emit: EmitText;
  /** Set once a tool step ran: the turn then ends with a REQUEST_FINISHED sync (§13.10). */
  toolsRan: boolean;
  /** Tool steps so far; odd ones get a toolCall:: block without the status part (§13.12). */
  toolCount: number;
}

/**
 * Pushes tool/call/sync. Only the upper-case ToolCallStatusEnum names, never `pending` or
 * `processing` (CLAW; M, §13.12). No toolName field: the name is only in the answer's block.
 */
function syncFor(env: ToolStepEnv, toolCallId: string, parameters: Record<string, unknown>) {
  const { turn, stream } = env;
  return (toolCallStatus: string, extra: Record<string, unknown> = {}): void =>
    stream.push('tool/call/sync', {
      sessionId: turn.sessionId,
      requestId: turn.requestId,
      projectPath: turn.peer.projectPath,
      toolCallId,
      toolCallStatus,
      parameters,
      results: [],
      errorCode: '',
      errorMsg: '',
      ...extra,
    });
}

async function announce(
  env: ToolStepEnv,
  name: string,
  toolCallId: string,
  parameters: Record<string, unknown>,
): Promise<void> {
  env.toolsRan = true;
  env.toolCount += 1;
  // The block comes first: a sync for an id the client has not seen stalls the plugin (CLAW).
  await env.emit(toolBlock(name, toolCallId, parameters, env.toolCount % 2 === 1));
}

/**
 * A tool the binary runs itself: PENDING (when it needs approval) → RUNNING → FINISHED, or
 * CANCELLED on `approval:false` / ERROR when nobody answers.
 */
export async function runToolSync(
  env: ToolStepEnv,
  tool: SimToolSync,
  toolCallId: string,
): Promise<void> {
  const { ctx, stream } = env;
  const parameters = tool.parameters ?? {};
  await announce(env, tool.name, toolCallId, parameters);
  const sync = syncFor(env, toolCallId, parameters);
  if (tool.needsApproval === true) {
    // Opened before the push: only an approval for a PENDING id counts (§13.13).
    ctx.approvals.expect(toolCallId);
    sync('PENDING');
    const approval = await ctx.approvals.wait(toolCallId, ctx.config.toolWaitMs, stream.signal);
    ctx.log.info(`tool ${toolCallId} (${tool.name}) approval: ${String(approval ?? 'timeout')}`);
    if (approval === undefined) {
      sync('ERROR', { errorCode: 'APPROVAL_TIMEOUT', errorMsg: 'no approval from client' });
      return;
    }
    if (!approval) {
      sync('CANCELLED', { errorCode: 'USER_REJECTED', errorMsg: 'tool call rejected by user' });
      return;
    }
  }
  sync('RUNNING');
  await sleep(ctx.faults.deltaIntervalMs, stream.signal);
  if (tool.error) {
    sync('ERROR', { errorCode: tool.error.code, errorMsg: tool.error.message });
  } else {
    sync('FINISHED', { results: tool.results ?? [{ content: `simulated ${tool.name} output` }] });
  }
}

/**
 * A tool the client runs: tool/invoke, answered in the response (`async:false`, deprecated per
 * CLAW) or, by default, with an empty response and a later tool/invokeResult (`async:true`; CLAW,
 * M). A result that does not come within the tool wait marks the call ERROR (CLAW uses 300 s; M).
 */
export async function runToolInvoke(
  env: ToolStepEnv,
  tool: SimToolInvoke,
  toolCallId: string,
): Promise<void> {
  const { ctx, turn, stream } = env;
  const isAsync = tool.async !== false;
  const parameters = tool.parameters ?? {};
  await announce(env, tool.name, toolCallId, parameters);
  // Recorded as the answer arrives, so a tool/invokeResult sent right after it logs after it.
  const record = (outcome: OutboundOutcome): void => {
    ctx.events.append({
      event: 'tool/invoke/response',
      requestId: turn.requestId,
      toolCallId,
      name: tool.name,
      async: isAsync,
      outcome,
    });
    ctx.log.info(`tool/invoke ${toolCallId} (${tool.name}) answered: ${JSON.stringify(outcome)}`);
  };
  if (isAsync) ctx.invokeResults.expect(toolCallId);
  const outcome = await stream.request(
    'tool/invoke',
    {
      requestId: turn.requestId,
      sessionId: turn.sessionId,
      toolCallId,
      name: tool.name,
      parameters,
      async: isAsync,
    },
    ctx.config.toolWaitMs,
    record,
  );
  const sync = syncFor(env, toolCallId, parameters);
  if (outcome.kind !== 'result') {
    sync('ERROR', { errorCode: 'TOOL_INVOKE_FAILED', errorMsg: `tool/invoke ${outcome.kind}` });
    return;
  }
  if (!isAsync) return;
  const result = await ctx.invokeResults.wait(toolCallId, ctx.config.toolWaitMs, stream.signal);
  if (result === undefined) {
    ctx.log.warn(`no tool/invokeResult for ${toolCallId}, timeout reached`);
    sync('ERROR', { errorCode: 'TOOL_TIMEOUT', errorMsg: 'no tool/invokeResult in time' });
  }
}
