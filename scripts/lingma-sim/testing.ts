/**
 * Helpers for test suites that drive the Lingma simulator (scripts/lingma-sim). The product
 * spawns SIM_BIN exactly as it spawns the real binary; these helpers only add what a person or a
 * test harness would do around it.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimScenario } from './src/scenario-types.js';

export {
  asShownInAddressBar,
  playBrowserLogin,
  type BrowserLoginResult,
} from './testing/browser-login.js';
export {
  SIM_BIN,
  startSimulator,
  type RunningSimulator,
  type StartSimulatorOptions,
} from './testing/spawn-simulator.js';
export type {
  SimFinish,
  SimModelSpec,
  SimRule,
  SimRuleFaults,
  SimScenario,
  SimStep,
  SimToolInvoke,
  SimToolSync,
} from './src/scenario-types.js';

/** Writes a scenario file into `dir` and returns its path (pass it as LINGMA_SIM_SCENARIO). */
export function writeScenario(dir: string, scenario: SimScenario): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `lingma-sim-scenario-${randomUUID().slice(0, 8)}.json`);
  writeFileSync(path, `${JSON.stringify(scenario, null, 2)}\n`);
  return path;
}
