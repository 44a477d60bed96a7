/**
 * The scenario file (`LINGMA_SIM_SCENARIO=<path>`, JSON). Rules are tried in order against what
 * the session holds — its earlier questions and answers, then `chat/ask.questionText` — as a
 * model sees its whole conversation; the first match scripts the turn. Text fields may use the
 * placeholders {{model}}, {{turn}}, {{question}} (last non-empty line) and {{sessionId}}.
 */
export interface SimScenario {
  /** Replaces the built-in model catalog: scene name → models (`key` required). */
  models?: Record<string, SimModelSpec[]>;
  /** Global faults, same syntax as LINGMA_SIM_FAULTS (e.g. ["delta-interval:1"]). */
  faults?: string[];
  /** Same as --sim-lagging. */
  lagging?: boolean;
  rules?: SimRule[];
}

export interface SimModelSpec {
  key: string;
  displayName?: string;
  isReasoning?: boolean;
  isVl?: boolean;
}

export interface SimRule {
  /** Substring of questionText, or a regular expression when `regex` is true. */
  match: string;
  regex?: boolean;
  /** RegExp flags, e.g. "i". */
  flags?: string;
  /** Answer text, streamed before `steps`. May contain fenced ```tool_call blocks. */
  answer?: string;
  /** Exact chat/answer deltas (no automatic empty or overwrite deltas); streamed after `answer`. */
  chunks?: string[];
  /** Reasoning text, whatever the model (its form follows --sim-reasoning unless `thinkForm`). */
  think?: string;
  /** Pins where `think` goes: chat/think, a think:: fence (placeholder or ms), tags, or unclosed. */
  thinkForm?: 'think' | 'fence' | 'fence-ms' | 'tags' | 'unclosed';
  /** Title for session/title/update on a session's first turn. */
  title?: string;
  /** Upstream tool events and more text, in order. */
  steps?: SimStep[];
  /** Custom chat/finish (defaults: statusCode 200, reason ""). */
  finish?: SimFinish;
  faults?: SimRuleFaults;
}

export type SimStep = { say: string } | { tool: SimToolSync } | { invoke: SimToolInvoke };

/** A tool the binary runs itself, shown to the client through tool/call/sync card updates. */
export interface SimToolSync {
  name: string;
  toolCallId?: string;
  parameters?: Record<string, unknown>;
  /** Push PENDING and wait for tool/call/approve before running (approval:false cancels). */
  needsApproval?: boolean;
  /** FINISHED results (default: [{content: "simulated <name> output"}]). */
  results?: Record<string, unknown>[];
  /** End in ERROR with this code/message instead of FINISHED. */
  error?: { code: string; message: string };
}

/** A tool the binary asks the client to run through tool/invoke. */
export interface SimToolInvoke {
  name: string;
  toolCallId?: string;
  parameters?: Record<string, unknown>;
  /**
   * Default true (CLAW calls the synchronous path deprecated; M): the response is empty and the
   * result comes later in tool/invokeResult. false: the result is the response.
   */
  async?: boolean;
}

export interface SimFinish {
  statusCode?: number;
  reason?: string;
  extra?: Record<string, unknown>;
}

/** Per-rule overrides of the global faults and pacing. */
export interface SimRuleFaults {
  exitAfterDeltas?: number;
  hangAfterDeltas?: number;
  malformedFrame?: 'bad-header' | 'bad-json';
  deltaIntervalMs?: number;
  deltaSize?: number;
  /** Pause before the first chat/answer delta (handy for chat/stop tests). */
  firstDeltaDelayMs?: number;
}
