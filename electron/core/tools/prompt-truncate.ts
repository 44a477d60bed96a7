/**
 * Keeps a rendered transcript inside a character budget by dropping the oldest middle turns. The
 * first user message (usually the task) and the most recent turns stay; a short marker stands where
 * turns were dropped. Turns are dropped in units so a call is never separated from its results.
 */

/** Rendered history in droppable units: a user turn, or an assistant turn with its tool results. */
export interface HistoryUnit {
  text: string;
  /** Messages the unit renders (for the marker). */
  messages: number;
}

export interface FittedHistory {
  parts: string[];
  omittedMessages: number;
}

/** Separator between units when joined. */
export const UNIT_SEPARATOR = '\n\n';

/** The marker that replaces dropped turns. */
export function omissionMarker(messages: number): string {
  const noun = messages === 1 ? 'message' : 'messages';
  return `[… ${messages} earlier ${noun} omitted to fit the context limit …]`;
}

/**
 * Drops units from the oldest droppable one on until `fixedChars` plus the joined history fits
 * `budget`. Never dropped: the first unit when `pinFirst`, and the last unit. When even that does
 * not fit, the result is over budget: cutting inside a message would change what it says.
 */
export function fitHistory(
  units: readonly HistoryUnit[],
  fixedChars: number,
  budget: number,
  pinFirst: boolean,
): FittedHistory {
  const all = units.map((u) => u.text);
  const sep = UNIT_SEPARATOR.length;
  const joined = all.reduce((n, t) => n + t.length, 0) + sep * Math.max(0, all.length - 1);
  const start = pinFirst ? 1 : 0;
  let droppedUnits = 0;
  let droppedChars = 0;
  let omitted = 0;
  const total = (): number => {
    const marker = droppedUnits > 0 ? omissionMarker(omitted).length + sep : 0;
    return fixedChars + joined - droppedChars - sep * droppedUnits + marker;
  };
  while (total() > budget && start + droppedUnits < units.length - 1) {
    const unit = units[start + droppedUnits] as HistoryUnit;
    droppedUnits += 1;
    droppedChars += unit.text.length;
    omitted += unit.messages;
  }
  if (droppedUnits === 0) return { parts: all, omittedMessages: 0 };
  return {
    parts: [...all.slice(0, start), omissionMarker(omitted), ...all.slice(start + droppedUnits)],
    omittedMessages: omitted,
  };
}
