import { conversationAsks } from './sim-asks';

/**
 * The `questionText` of every `chat/ask` the simulator of the harness's first account received
 * in the conversations `token` names (asks holding it, and the replies continuing their
 * sessions), oldest first: what Lingma was actually asked.
 */
export function simQuestions(
  h: { workDir(accountId: string): string; accountIds: readonly string[] },
  token: string,
): string[] {
  return conversationAsks(h.workDir(h.accountIds[0] as string), token).map((a) => a.questionText);
}
