import type { ChatRequest } from '../../lingma/types';
import type { ChatContext, ChatEngineDeps } from './chat-engine';
import type { ResolvedModel } from './model-resolver';
import type { EngineLease } from './ports';

/** The upstream `chat/ask` of one attempt (the Lingma client fills in the protocol fields). */
export function chatRequest(
  deps: ChatEngineDeps,
  questionText: string,
  model: ResolvedModel,
  sessionId: string | undefined,
  isReply: boolean,
  ctx: ChatContext,
  lease: EngineLease,
): ChatRequest {
  const approve = deps.settings().upstreamApproval === 'auto-approve';
  return {
    questionText,
    sessionId,
    isReply,
    modelKey: model.key,
    mode: model.mode,
    signal: ctx.signal,
    onToolInvoke: approve
      ? undefined
      : (params) => ({
          success: false,
          errorMessage: `Lingma Gateway is not an IDE: tool ${String(params.name ?? '')} is not available here (instance ${lease.instanceId}).`,
        }),
  };
}

/** The predecessor auto-approved pending upstream tools; that is now an opt-in policy. */
export function maybeApprove(
  deps: ChatEngineDeps,
  message: { method: string; params: Record<string, unknown>; direction: string },
  lease: EngineLease,
  ctx: ChatContext,
): void {
  if (message.direction !== 'in' || message.method !== 'tool/call/sync') return;
  const p = message.params;
  if (p.toolCallStatus !== 'PENDING') return;
  const sessionId = typeof p.sessionId === 'string' ? p.sessionId : '';
  const requestId = typeof p.requestId === 'string' ? p.requestId : '';
  const toolCallId = typeof p.toolCallId === 'string' ? p.toolCallId : '';
  if (!toolCallId) return;
  const approval = deps.settings().upstreamApproval === 'auto-approve';
  lease.client
    .approveToolCall({ sessionId, requestId, toolCallId, approval })
    .catch((err: unknown) =>
      deps.logger.warn('tool approval failed', {
        requestId: ctx.requestId,
        toolCallId,
        err,
      }),
    );
}
