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
}

/**
 * A tool the binary runs itself: its name goes into the answer as a `toolCall::` block first
 * (clients must never see a sync for an id they have not seen), then tool/call/sync drives the
 * card: PENDING (if approval is needed) → RUNNING → FINISHED, or CANCELLED / ERROR.
 */
export async function runToolSync(
  env: ToolStepEnv,
  tool: SimToolSync,
  toolCallId: string,
): Promise<void> {
  const { ctx, turn, stream } = env;
  const parameters = tool.parameters ?? {};
  await env.emit(toolBlock(tool.name, toolCallId, parameters));
  const sync = (toolCallStatus: string, extra: Record<string, unknown> = {}): void =>
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
  if (tool.needsApproval === true) {
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
 * A tool the client runs: tool/invoke, then the result comes in the response (`async:false`) or,
 * after an empty response, in a separate tool/invokeResult request (`async:true`). What the client
 * sent is recorded in sim-events.jsonl and lingma.log.
 */
export async function runToolInvoke(
  env: ToolStepEnv,
  tool: SimToolInvoke,
  toolCallId: string,
): Promise<void> {
  const { ctx, turn, stream } = env;
  const isAsync = tool.async === true;
  const parameters = tool.parameters ?? {};
  await env.emit(toolBlock(tool.name, toolCallId, parameters));
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
  if (!isAsync || outcome.kind !== 'result') return;
  const result = await ctx.invokeResults.wait(toolCallId, ctx.config.toolWaitMs, stream.signal);
  if (result === undefined) {
    ctx.log.warn(`no tool/invokeResult for ${toolCallId}, timeout reached`);
  }
}
