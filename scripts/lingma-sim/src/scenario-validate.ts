import type { SimScenario } from './scenario-types.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects every problem so a broken scenario is fixed in one go, not one error per run. */
class Checker {
  readonly problems: string[] = [];

  type(o: Obj, key: string, kind: 'string' | 'number' | 'boolean', where: string): void {
    const v = o[key];
    if (v !== undefined && typeof v !== kind)
      this.problems.push(`${where}.${key} must be a ${kind}`);
  }

  object(o: Obj, key: string, where: string): void {
    const v = o[key];
    if (v !== undefined && !isObj(v)) this.problems.push(`${where}.${key} must be an object`);
  }

  stringArray(o: Obj, key: string, where: string): void {
    const v = o[key];
    if (v !== undefined && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) {
      this.problems.push(`${where}.${key} must be an array of strings`);
    }
  }
}

function checkStep(c: Checker, step: unknown, where: string): void {
  if (!isObj(step)) {
    c.problems.push(`${where} must be an object`);
    return;
  }
  const kinds = ['say', 'tool', 'invoke'].filter((k) => k in step);
  if (kinds.length !== 1) {
    c.problems.push(`${where} needs exactly one of say, tool, invoke`);
    return;
  }
  if ('say' in step) {
    c.type(step, 'say', 'string', where);
    return;
  }
  const key = kinds[0] ?? 'tool';
  const tool = step[key];
  const at = `${where}.${key}`;
  if (!isObj(tool) || typeof tool.name !== 'string') {
    c.problems.push(`${at} needs a string name`);
    return;
  }
  c.type(tool, 'toolCallId', 'string', at);
  c.object(tool, 'parameters', at);
  c.type(tool, 'needsApproval', 'boolean', at);
  c.type(tool, 'async', 'boolean', at);
  if (tool.results !== undefined && !(Array.isArray(tool.results) && tool.results.every(isObj))) {
    c.problems.push(`${at}.results must be an array of objects`);
  }
  c.object(tool, 'error', at);
}

function checkRule(c: Checker, rule: unknown, where: string): void {
  if (!isObj(rule) || typeof rule.match !== 'string') {
    c.problems.push(`${where} needs a string "match"`);
    return;
  }
  c.type(rule, 'regex', 'boolean', where);
  c.type(rule, 'flags', 'string', where);
  c.type(rule, 'answer', 'string', where);
  c.type(rule, 'think', 'string', where);
  const form = rule.thinkForm;
  if (
    form !== undefined &&
    !['think', 'fence', 'fence-ms', 'tags', 'unclosed'].includes(String(form))
  ) {
    c.problems.push(`${where}.thinkForm must be think, fence, fence-ms, tags or unclosed`);
  }
  c.type(rule, 'title', 'string', where);
  c.stringArray(rule, 'chunks', where);
  c.object(rule, 'finish', where);
  c.object(rule, 'faults', where);
  if (rule.regex === true) {
    try {
      new RegExp(rule.match, typeof rule.flags === 'string' ? rule.flags : '');
    } catch (err) {
      c.problems.push(`${where}.match is not a valid RegExp: ${(err as Error).message}`);
    }
  }
  if (isObj(rule.finish)) {
    c.type(rule.finish, 'statusCode', 'number', `${where}.finish`);
    c.type(rule.finish, 'reason', 'string', `${where}.finish`);
    c.object(rule.finish, 'extra', `${where}.finish`);
  }
  if (isObj(rule.faults)) {
    for (const k of ['exitAfterDeltas', 'hangAfterDeltas', 'deltaIntervalMs', 'deltaSize']) {
      c.type(rule.faults, k, 'number', `${where}.faults`);
    }
    c.type(rule.faults, 'firstDeltaDelayMs', 'number', `${where}.faults`);
    const mf = rule.faults.malformedFrame;
    if (mf !== undefined && mf !== 'bad-header' && mf !== 'bad-json') {
      c.problems.push(`${where}.faults.malformedFrame must be "bad-header" or "bad-json"`);
    }
  }
  if (rule.steps !== undefined) {
    if (!Array.isArray(rule.steps)) c.problems.push(`${where}.steps must be an array`);
    else rule.steps.forEach((s: unknown, i) => checkStep(c, s, `${where}.steps[${i}]`));
  }
}

/** Validates parsed JSON as a scenario; throws one Error listing every problem. */
export function validateScenario(raw: unknown): SimScenario {
  const c = new Checker();
  if (!isObj(raw)) throw new Error('scenario must be a JSON object');
  c.stringArray(raw, 'faults', 'scenario');
  c.type(raw, 'lagging', 'boolean', 'scenario');
  if (raw.models !== undefined) {
    if (!isObj(raw.models)) c.problems.push('scenario.models must be an object of scene → models');
    else {
      for (const [scene, list] of Object.entries(raw.models)) {
        const ok = Array.isArray(list) && list.every((m) => isObj(m) && typeof m.key === 'string');
        if (!ok) c.problems.push(`scenario.models.${scene} must be an array of {key, …}`);
      }
    }
  }
  if (raw.rules !== undefined) {
    if (!Array.isArray(raw.rules)) c.problems.push('scenario.rules must be an array');
    else raw.rules.forEach((r: unknown, i) => checkRule(c, r, `scenario.rules[${i}]`));
  }
  if (c.problems.length > 0) throw new Error(`invalid scenario:\n  ${c.problems.join('\n  ')}`);
  return raw as SimScenario;
}
