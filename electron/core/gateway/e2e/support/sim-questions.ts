import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `questionText` of every `chat/ask` the simulator of the harness's first account received
 * that contains `token`, oldest first: what Lingma was actually asked.
 */
export function simQuestions(
  h: { workDir(accountId: string): string; accountIds: readonly string[] },
  token: string,
): string[] {
  const file = join(h.workDir(h.accountIds[0] as string), 'logs', 'sim-requests.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { params: { questionText: string } }).params.questionText)
    .filter((q) => q.includes(token));
}
