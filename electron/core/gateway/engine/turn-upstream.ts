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
    // The predecessor auto-approved pending upstream tools; that is now an opt-in policy.
    toolApproval: approve ? 'approve' : 'reject',
    agentSessionType: deps.settings().models.agentSessionType,
    onToolInvoke: approve
      ? undefined
      : (params) => ({
          success: false,
          errorMessage: `Lingma Gateway is not an IDE: tool ${String(params.name ?? '')} is not available here (instance ${lease.instanceId}).`,
        }),
  };
}
