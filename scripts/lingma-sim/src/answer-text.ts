/** Placeholders a scenario's text may use. */
export interface TextVars {
  model: string;
  turn: number;
  question: string;
  sessionId: string;
  /**
   * The question of another turn running on the same session at the same time: the two turns
   * see each other's context (LTC; L for the exact symptom, §13.7).
   */
  mixedWith?: string;
}

/** The last non-empty line of the prompt: gateways put the newest user message last. */
export function lastLine(questionText: string): string {
  const lines = questionText.split(/\r?\n/).map((l) => l.trim());
  return lines.filter((l) => l !== '').pop() ?? '';
}

/**
 * Deterministic, derived only from the prompt, the model and the turn number, so tests can see
 * which model answered, whether a session was reused, and what the gateway rendered last.
 */
export function defaultAnswer(vars: TextVars): string {
  const mixed = vars.mixedWith === undefined ? '' : ` [mixed context: ${vars.mixedWith}]`;
  return `Simulated reply from ${vars.model}, turn ${vars.turn}. You said: ${vars.question}${mixed}`;
}

export function defaultThink(vars: TextVars): string {
  return `Thinking about "${vars.question}" with ${vars.model}.`;
}

export function renderTemplate(text: string, vars: TextVars): string {
  return text.replace(/\{\{(model|turn|question|sessionId)\}\}/g, (_m, name: string) =>
    String(vars[name as 'model' | 'turn' | 'question' | 'sessionId']),
  );
}

export function titleFor(questionText: string): string {
  const first = questionText.split(/\r?\n/).find((l) => l.trim() !== '') ?? 'New chat';
  return Array.from(first.trim()).slice(0, 30).join('');
}

/** Splits by code points so a delta never cuts a surrogate pair or an emoji in half. */
export function chunkText(text: string, size: number): string[] {
  const chars = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += size) chunks.push(chars.slice(i, i + size).join(''));
  return chunks;
}

/**
 * The fenced block that names a tool in the answer text. Whether a fourth `::<status>` part
 * follows the id is disputed (CLAW's doc writes it, its regex test mis-groups it; L), so callers
 * alternate: clients must parse both (§13.12).
 */
export function toolBlock(
  name: string,
  toolCallId: string,
  parameters: unknown,
  withStatus: boolean,
): string {
  const info = `toolCall::${name}::${toolCallId}${withStatus ? '::INIT' : ''}`;
  return `\n\`\`\`${info}\n${JSON.stringify(parameters)}\n\`\`\`\n`;
}
