import type { ChatRequest } from '../lingma/types';
import type { ResolvedModel } from './model-resolver';

/** The settings an upstream `chat/ask` depends on. */
export interface UpstreamPolicy {
  upstreamApproval: 'deny' | 'auto-approve';
  agentSessionType?: 'assistant' | 'developer';
}

/** The upstream `chat/ask` of one attempt (the Lingma client fills in the protocol fields). */
export function chatRequest(
  questionText: string,
  model: ResolvedModel,
  start: { sessionId?: string; isReply: boolean },
  signal: AbortSignal,
  instanceId: string,
  policy: UpstreamPolicy,
): ChatRequest {
  const approve = policy.upstreamApproval === 'auto-approve';
  return {
    questionText,
    sessionId: start.sessionId,
    isReply: start.isReply,
    modelKey: model.key,
    mode: model.mode,
    signal,
    // The predecessor auto-approved pending upstream tools; that is now an opt-in policy.
    toolApproval: approve ? 'approve' : 'reject',
    agentSessionType: policy.agentSessionType,
    onToolInvoke: approve
      ? undefined
      : (params) => ({
          success: false,
          errorMessage: `Lingma Gateway is not an IDE: tool ${String(params.name ?? '')} is not available here (instance ${instanceId}).`,
        }),
  };
}
