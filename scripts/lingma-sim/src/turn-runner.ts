import { readAsk, type AskShape } from './ask-params.js';
import { throwIfAborted, TurnAborted } from './async-util.js';
import {
  defaultAnswer,
  defaultThink,
  lastLine,
  renderTemplate,
  titleFor,
  type TextVars,
} from './answer-text.js';
import type { SimContext } from './context.js';
import { inBandReasoning } from './reasoning.js';
import { isRecord } from './rpc-types.js';
import type { SimRule } from './scenario-types.js';
import { runToolInvoke, runToolSync, type ToolStepEnv } from './tool-steps.js';
import type { ActiveTurn } from './turn-registry.js';
import { TurnStream, type StreamSettings } from './turn-stream.js';

/** statusCode of a turn ended by chat/stop (any non-200 code means "not a normal finish"). */
export const STOPPED_STATUS = 499;

/**
 * Intermediate steps of an agent turn, each `doing` then `done` (CLAW; M, §13.10). One name is
 * not in ChatStepEnum on purpose: clients must ignore step names they do not know.
 */
const AGENT_STEPS = [
  'step_refine_query',
  'step_collecting_workspace_tree',
  'step_sim_unlisted_phase',
  'step_retrieve_relevant_info',
];

/** A session's earlier turns and the new question, as one text the scenario rules match. */
function contextOf(
  records: readonly { question: string; answer: string }[],
  question: string,
): string {
  if (records.length === 0) return question;
  return [...records.flatMap((r) => [r.question, r.answer]), question].join('\n');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function settingsFor(ctx: SimContext, rule: SimRule | undefined): StreamSettings {
  const f = ctx.faults;
  const r = rule?.faults ?? {};
  return {
    deltaIntervalMs: r.deltaIntervalMs ?? f.deltaIntervalMs,
    deltaSize: Math.max(1, r.deltaSize ?? f.deltaSize),
    exitAfterDeltas: r.exitAfterDeltas ?? f.exitAfterDeltas,
    hangAfterDeltas: r.hangAfterDeltas ?? f.hangAfterDeltas,
    malformedFrame: r.malformedFrame ?? f.malformedFrame,
    firstDeltaDelayMs: r.firstDeltaDelayMs,
  };
}

/**
 * `extra.modelConfig.key` (CLAW), or the first model of the scene named by sessionType (§7); an
 * unknown key falls back to that default with a log line.
 */
function modelFor(ctx: SimContext, extra: Record<string, unknown>, shape: AskShape): string {
  const uid = ctx.auth.current?.uid;
  const fallback = ctx.catalog.defaultKey(uid, shape.sessionType);
  const key = isRecord(extra.modelConfig) ? str(extra.modelConfig.key) : '';
  if (key === '' || ctx.catalog.find(uid, key)) return key || fallback;
  ctx.log.warn(`unknown model key ${key}, using ${fallback}`);
  return fallback;
}

/** Streams the rule's answer, chunks and steps in order (or the default answer). */
async function streamBody(
  env: ToolStepEnv,
  rule: SimRule | undefined,
  vars: TextVars,
  shape: AskShape,
): Promise<void> {
  const render = (t: string): string => renderTemplate(t, vars);
  const scripted =
    rule !== undefined &&
    (rule.answer !== undefined || rule.chunks !== undefined || rule.steps !== undefined);
  const failing = (rule?.finish?.statusCode ?? 200) !== 200;
  if (!scripted) {
    if (!failing) await env.emit(defaultAnswer(vars));
    return;
  }
  if (rule.answer !== undefined) await env.emit(render(rule.answer));
  if (rule.chunks !== undefined) {
    const chunks = rule.chunks.map(render);
    if (env.ctx.faults.lagging) await env.emit(chunks.join(''));
    else await env.stream.chunks(chunks);
  }
  let index = 0;
  for (const step of rule.steps ?? []) {
    index += 1;
    const id = (given: string | undefined): string =>
      given ?? `sim_${index}_${env.turn.requestId.slice(0, 8)}`;
    if ('say' in step) {
      await env.emit(render(step.say));
    } else if (!shape.agentic) {
      // §13.9: tools run only for mode agent + sessionType assistant|developer (PAA, CLAW; M/L).
      env.ctx.log.warn(
        `tool step skipped: not an agent turn (mode ${shape.mode}, sessionType ${shape.sessionType})`,
      );
    } else if ('tool' in step) {
      await runToolSync(env, step.tool, id(step.tool.toolCallId));
    } else {
      await runToolInvoke(env, step.invoke, id(step.invoke.toolCallId));
    }
  }
}

/**
 * One chat turn, pushed in the order seen live: step_start, title, think, (agent steps), answer
 * deltas with tool events, step_end, exactly one finish, then a REQUEST_FINISHED sync when tools
 * ran. Logged out or out of quota ends early with a non-200 finish.
 */
export async function runTurn(ctx: SimContext, turn: ActiveTurn): Promise<void> {
  const p = turn.params;
  const question = str(p.questionText);
  const extra = isRecord(p.extra) ? p.extra : {};
  const shape = readAsk(p, ctx.log);
  const choice = ctx.sessions.choose(str(p.sessionId), shape.isReply);
  if (choice.unknownReplyTo !== undefined) {
    ctx.log.warn(`reply to unknown session ${choice.unknownReplyTo}, starting a new session`);
  } else if (!shape.isReply && str(p.sessionId) !== '') {
    ctx.log.info(`sessionId ${str(p.sessionId)} without isReply: starting a new session`);
  }
  const session = choice.session;
  turn.sessionId = session.sessionId;
  const busy = ctx.turns.othersOn(session.sessionId, turn);
  const model = modelFor(ctx, extra, shape);
  // The model answers from everything the session holds, not only the newest question: a rule
  // matches the session's earlier questions and answers too, so a continued session (a reply
  // with only the new part) and a replayed transcript are answered alike.
  const rule = ctx.scenario.match(contextOf(session.records, question));
  const record = {
    requestId: turn.requestId,
    question,
    answer: '',
    modelKey: model,
    createdAt: Date.now(),
  };
  session.records.push(record);
  session.updatedAt = record.createdAt;
  // What tests read to prove a reply: only isReply + a sessionId a finish returned continues.
  ctx.events.append({
    event: 'chat/session',
    requestId: turn.requestId,
    sessionId: session.sessionId,
    continued: !choice.isNew,
    turn: session.records.length,
  });
  const vars: TextVars = {
    model,
    turn: session.records.length,
    question: lastLine(question),
    sessionId: session.sessionId,
  };
  if (busy.length > 0) {
    const other = busy[0] as ActiveTurn;
    ctx.log.warn(
      `session ${session.sessionId} is busy with request ${other.requestId}; request ${turn.requestId} runs alongside it and their contexts mix`,
    );
    vars.mixedWith = lastLine(str(other.params.questionText));
  }
  const stream = new TurnStream(ctx, turn, settingsFor(ctx, rule), shape.sessionType);
  let collected = '';
  const lagging = ctx.faults.lagging;
  const env: ToolStepEnv = {
    ctx,
    turn,
    stream,
    emit: lagging ? async (t) => void (collected += t) : (t) => stream.text(t),
    toolsRan: false,
    toolCount: 0,
  };
  try {
    throwIfAborted(stream.signal);
    stream.step('step_start', 'doing');
    if (choice.isNew) {
      session.title =
        rule?.title !== undefined ? renderTemplate(rule.title, vars) : titleFor(question);
      stream.title(session.title);
    }
    if (!ctx.auth.current) {
      // No source shows a logged-out turn: this 401 finish is the simulator's invention (L).
      stream.step('step_end', 'error');
      stream.finish(401, 'not logged in', '', {});
      return;
    }
    if (ctx.faults.quotaResetSeconds !== undefined) {
      const quotaResetTime = Date.now() + ctx.faults.quotaResetSeconds * 1000;
      stream.step('step_end', 'error');
      stream.finish(429, 'quota exceeded', '', { quotaResetTime });
      return;
    }
    const thinkText =
      rule?.think ??
      (ctx.catalog.find(ctx.auth.current.uid, model)?.isReasoning ? defaultThink(vars) : undefined);
    const form = thinkText === undefined ? undefined : ctx.reasoning.pick(rule?.thinkForm);
    const inBand =
      thinkText === undefined || form === undefined
        ? undefined
        : inBandReasoning(form, renderTemplate(thinkText, vars));
    if (thinkText !== undefined && inBand === undefined) {
      await stream.think(renderTemplate(thinkText, vars));
    }
    stream.step('step_start', 'done');
    if (shape.agentic) {
      for (const name of AGENT_STEPS) {
        stream.step(name, 'doing');
        stream.step(name, 'done');
      }
    }
    // Lagging (§8.2 off-by-one): stream the previous turn's answer, remember this one for later.
    if (lagging)
      await (ctx.previousAnswer === '' ? stream.chunks(['']) : stream.text(ctx.previousAnswer));
    if (inBand !== undefined) await env.emit(inBand);
    if (form === 'unclosed') {
      ctx.log.info(`reasoning fence left open at finish, request id: ${turn.requestId}`);
    } else {
      await streamBody(env, rule, vars, shape);
    }
    ctx.previousAnswer = lagging ? collected : stream.streamed;
    record.answer = stream.streamed;
    const f = rule?.finish ?? {};
    stream.step('step_end', 'done');
    stream.finish(f.statusCode ?? 200, f.reason ?? '', stream.streamed, f.extra ?? {});
    session.returned = true;
    if (env.toolsRan) stream.requestFinished(turn.peer.projectPath);
  } catch (err) {
    if (err instanceof TurnAborted) {
      ctx.log.info(`chat ${err.reason}, request id: ${turn.requestId}`);
      if (err.reason === 'stopped') {
        stream.finish(STOPPED_STATUS, 'stopped', stream.streamed, {}, true);
        session.returned = true;
      }
      return;
    }
    ctx.log.error(
      `chat failed, request id: ${turn.requestId}: ${(err as Error).stack ?? String(err)}`,
    );
    stream.finish(500, `internal error: ${(err as Error).message}`, stream.streamed, {}, true);
  }
}
