/**
 * Keeps a rendered transcript inside a budget (characters or estimated tokens) by dropping the oldest middle turns. The
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
 * Drops units from the oldest droppable one on until `fixedSize` plus the joined history fits
 * `budget`, sizes taken by `measure` (characters by default; the engine measures tokens). Never
 * dropped: the first unit when `pinFirst`, and the last unit. When even that does not fit, the
 * result is over budget: cutting inside a message would change what it says.
 */
export function fitHistory(
  units: readonly HistoryUnit[],
  fixedSize: number,
  budget: number,
  pinFirst: boolean,
  measure: (text: string) => number = (t) => t.length,
): FittedHistory {
  const all = units.map((u) => u.text);
  const sizes = all.map(measure);
  const sep = measure(UNIT_SEPARATOR);
  const joined = sizes.reduce((n, t) => n + t, 0) + sep * Math.max(0, all.length - 1);
  const start = pinFirst ? 1 : 0;
  let droppedUnits = 0;
  let droppedSize = 0;
  let omitted = 0;
  const total = (): number => {
    const marker = droppedUnits > 0 ? measure(omissionMarker(omitted)) + sep : 0;
    return fixedSize + joined - droppedSize - sep * droppedUnits + marker;
  };
  while (total() > budget && start + droppedUnits < units.length - 1) {
    droppedSize += sizes[start + droppedUnits] as number;
    omitted += (units[start + droppedUnits] as HistoryUnit).messages;
    droppedUnits += 1;
  }
  if (droppedUnits === 0) return { parts: all, omittedMessages: 0 };
  return {
    parts: [...all.slice(0, start), omissionMarker(omitted), ...all.slice(start + droppedUnits)],
    omittedMessages: omitted,
  };
}
