/**
 * What the simulator children answer during the soak, picked by a marker in the question. The
 * markers let the load generator choose a request's fault; every question also carries a unique
 * token so the child serving it can be found in its `sim-requests.jsonl`.
 */
import type { SimScenario } from '../../lingma-sim/testing';

/** A turn that takes long enough (~1.5 s) for a kill to land mid-answer. */
export const LONG = 'SOAK-LONG';
/** First answer delta after 2 s: well inside the first-event timeout. */
export const SLOW = 'SOAK-SLOW';
/** Accepted, then silent until stopped. */
export const HANG_FIRST = 'SOAK-HANG-FIRST';
/** A few deltas, then silent until stopped. */
export const HANG_MID = 'SOAK-HANG-MID';
/** Answers with an emulated tool call. */
export const TOOL = 'SOAK-TOOL';

export const SOAK_SCENARIO: SimScenario = {
  rules: [
    {
      match: LONG,
      answer: 'long answer '.repeat(40),
      faults: { deltaIntervalMs: 10, deltaSize: 4 },
    },
    { match: SLOW, answer: 'slow but fine', faults: { firstDeltaDelayMs: 2_000 } },
    { match: HANG_FIRST, faults: { firstDeltaDelayMs: 600_000 } },
    { match: HANG_MID, answer: 'a start and then nothing', faults: { hangAfterDeltas: 3 } },
    {
      match: TOOL,
      answer: '```tool_call\n{"name":"get_weather","arguments":{"city":"Paris"}}\n```',
    },
  ],
};
