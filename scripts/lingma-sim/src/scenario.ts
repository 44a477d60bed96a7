import { readFileSync } from 'node:fs';
import type { SimRule, SimScenario } from './scenario-types.js';
import { validateScenario } from './scenario-validate.js';

/** Reads and validates a scenario file; errors name the file so the cause is obvious. */
export function loadScenario(path: string): SimScenario {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read scenario ${path}: ${(err as Error).message}`);
  }
  try {
    return validateScenario(raw);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}

/** Matches prompts against the scenario rules; regexes are compiled once. */
export class ScenarioBook {
  private readonly matchers: { rule: SimRule; test: (q: string) => boolean }[];

  constructor(readonly scenario: SimScenario | undefined) {
    this.matchers = (scenario?.rules ?? []).map((rule) => {
      if (rule.regex === true) {
        const re = new RegExp(rule.match, rule.flags ?? '');
        return {
          rule,
          test: (q: string) => {
            re.lastIndex = 0; // a "g" flag would otherwise make matches alternate
            return re.test(q);
          },
        };
      }
      return { rule, test: (q: string) => q.includes(rule.match) };
    });
  }

  /** First matching rule wins, so specific rules go before catch-alls. */
  match(questionText: string): SimRule | undefined {
    return this.matchers.find((m) => m.test(questionText))?.rule;
  }
}
