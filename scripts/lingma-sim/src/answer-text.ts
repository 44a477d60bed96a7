/** Placeholders a scenario's text may use. */
export interface TextVars {
  model: string;
  turn: number;
  question: string;
  sessionId: string;
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
  return `Simulated reply from ${vars.model}, turn ${vars.turn}. You said: ${vars.question}`;
}

export function defaultThink(vars: TextVars): string {
  return `Thinking about "${vars.question}" with ${vars.model}.`;
}

export function renderTemplate(text: string, vars: TextVars): string {
  return text.replace(/\{\{(model|turn|question|sessionId)\}\}/g, (_m, name: string) =>
    String(vars[name as keyof TextVars]),
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

/** The fenced block that names a tool in the answer text, as the plugin expects it. */
export function toolBlock(name: string, toolCallId: string, parameters: unknown): string {
  return `\n\`\`\`toolCall::${name}::${toolCallId}::INIT\n${JSON.stringify(parameters)}\n\`\`\`\n`;
}
